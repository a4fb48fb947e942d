package io.marketdata.gateway.http;

import io.marketdata.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of a resource as JSON with the request id, counted by status. */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    @Inject
    MeterRegistry registry;
    @Inject
    GatewayConfig config;

    /** No (or a wrong) admin token on an {@code @RolesAllowed("admin")} method: 401, or 503 when no token is configured. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class, ForbiddenException.class})
    public Response unauthorized(RuntimeException e, HttpServerRequest request) {
        if (config.admin().token().filter(t -> !t.isBlank()).isEmpty()) {
            return respond(503, "admin_disabled",
                    "no admin token is configured (gateway.admin.token / GATEWAY_ADMIN_TOKEN); mutating routes are off", null, request);
        }
        registry.counter("gateway_unauthorized_total").increment();
        String message = request.getHeader("Authorization") == null ? "this route needs the admin bearer token"
                : "the admin bearer token is wrong";
        return Response.fromResponse(respond(401, "unauthorized", message, null, request))
                .header("WWW-Authenticate", AdminAuthentication.CHALLENGE).build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return respond(e.status(), e.error(), e.getMessage(), e.field(), request);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return respond(404, "not_found", "no such route: " + request.method() + " " + ApiErrors.echo(request.path()), null, request);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        return respond(405, "method_not_allowed", request.method() + " is not allowed on " + ApiErrors.echo(request.path()), null, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        return respond(status, status == 415 ? "unsupported_media_type" : status < 500 ? "bad_request" : "internal_error",
                ApiErrors.echo(e.getMessage(), ApiErrors.MAX_MESSAGE), null, request);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, HttpServerRequest request) {
        LOG.errorf(e, "unexpected error on %s %s", request.method(), request.path());
        return respond(500, "internal_error", "unexpected error; quote the request id when reporting it", null, request);
    }

    private Response respond(int status, String error, String message, String field, HttpServerRequest request) {
        registry.counter("gateway_api_errors_total", "status", Integer.toString(status)).increment();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(ApiErrors.body(status, error, message, field, ApiErrors.of(request))).build();
    }
}
