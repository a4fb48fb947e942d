package io.marketdata.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketdata.contracts.Json;
import io.marketdata.gateway.http.ApiErrors;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * What the gateway answers for a proxied read: the bytes, where they came from ({@code upstream},
 * {@code hot-cache}, {@code last-good}) and whether the answer is degraded (a fallback because the
 * service failed). Immutable, so one instance can be served to many clients from the short cache.
 */
public record Answer(int status, String contentType, byte[] body, String source, boolean degraded) {

    public static Answer of(UpstreamResponse r) {
        return new Answer(r.status(), r.contentType() == null ? "application/json" : r.contentType(), r.body(),
                "upstream", false);
    }

    public static Answer json(int status, Object value, String source, boolean degraded) {
        return new Answer(status, "application/json", Json.toBytes(value), source, degraded);
    }

    /** A 503 naming the service, when it failed and nothing can stand in for it. */
    public static Answer unavailable(Service service, String reason, String requestId) {
        var body = ApiErrors.body(503, "service_unavailable", service.displayName() + " is unavailable: " + reason,
                null, requestId);
        body.put("service", service.displayName());
        body.put("degraded", true);
        return json(503, body, "none", true);
    }

    /**
     * A fallback answer: a JSON object gets {@code degraded: true}, the reason and the age of the
     * data ({@code stale_ms}); other bodies (arrays, CSV) keep their shape and say it in the headers.
     */
    public static Answer degraded(String contentType, byte[] body, String source, String reason, long staleMs) {
        if (contentType != null && contentType.startsWith("application/json")) {
            try {
                JsonNode node = Json.MAPPER.readTree(body);
                if (node instanceof ObjectNode object) {
                    object.put("degraded", true);
                    object.put("degraded_reason", reason);
                    object.put("stale_ms", Math.max(0, staleMs));
                    return new Answer(200, contentType, Json.toBytes(object), source, true);
                }
            } catch (IOException e) {
                // not JSON after all: served as it is, the headers say it is degraded
            }
        }
        return new Answer(200, contentType, body, source, true);
    }

    /** The service's own 4xx error, with this request's id added so a user can quote one id. */
    public Answer withRequestId(String requestId) {
        if (status < 400 || !contentType.startsWith("application/json")) {
            return this;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node instanceof ObjectNode object && !object.has("request_id")) {
                object.put("request_id", requestId);
                return new Answer(status, contentType, Json.toBytes(object), source, degraded);
            }
        } catch (IOException e) {
            // not JSON: passed on unchanged
        }
        return this;
    }

    /** The body as a JSON tree (the services answer JSON unless CSV was asked for). */
    public JsonNode tree() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("a service answered invalid JSON (" + source + ")", e);
        }
    }

    public Response toResponse() {
        Response.ResponseBuilder b = Response.status(status).type(contentType).entity(body).header("X-Source", source);
        if (degraded) {
            b.header("X-Degraded", "true").header("Warning", "110 - \"Response is Stale\"");
        }
        return b.build();
    }
}
