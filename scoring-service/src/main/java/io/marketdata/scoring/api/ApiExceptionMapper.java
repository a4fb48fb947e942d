package io.marketdata.scoring.api;

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
        return respond(e.status(), e.getMessage(), e.field(), e.fields());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return respond(status, status == 404 ? "not found" : e.getMessage(), null, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.errorf(e, "request failed");
        return respond(500, "internal error: " + e.getClass().getSimpleName(), null, null);
    }

    private Response respond(int status, String message, String field, Map<String, String> fields) {
        registry.counter("scoring_api_errors_total", "status", Integer.toString(status)).increment();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        if (fields != null) {
            body.put("fields", fields);
        }
        body.put("status", status);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
