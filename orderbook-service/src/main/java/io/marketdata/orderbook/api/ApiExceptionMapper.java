package io.marketdata.orderbook.api;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the API as JSON, counted by status. */
public class ApiExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    @Inject
    MeterRegistry registry;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.status(), e.code(), e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return respond(status, status == 404 ? "not_found" : "http_" + status, null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.errorf(e, "request failed");
        return respond(500, "internal_error", null, "internal error: " + e.getClass().getSimpleName());
    }

    private Response respond(int status, String code, String field, String message) {
        registry.counter("orderbook_api_errors_total", "status", Integer.toString(status)).increment();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        body.put("status", status);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
