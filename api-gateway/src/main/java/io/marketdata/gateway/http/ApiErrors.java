package io.marketdata.gateway.http;

import io.marketdata.contracts.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The gateway's error body and request ids, shared by the HTTP filters and the exception mappers. */
public final class ApiErrors {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Longest client-supplied value quoted back in an error message: answers never echo unbounded input. */
    public static final int MAX_ECHO = 64;
    /** Longest message taken over from a framework exception (which may quote the input). */
    public static final int MAX_MESSAGE = 200;

    private ApiErrors() {
    }

    /** {@code value} cut to {@link #MAX_ECHO} characters (marked with an ellipsis) for quoting in a message. */
    public static String echo(String value) {
        return echo(value, MAX_ECHO);
    }

    public static String echo(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max) + "… (" + value.length() + " characters)";
    }

    /** {@code {error, message, field?, status, request_id}}. */
    public static Map<String, Object> body(int status, String error, String message, String field, String requestId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", error);
        out.put("message", message);
        if (field != null) {
            out.put("field", field);
        }
        out.put("status", status);
        out.put("request_id", requestId);
        return out;
    }

    /** The caller's X-Request-Id when it is sane, else a new one; stored on the request for everyone after. */
    public static String assign(RoutingContext ctx) {
        String given = ctx.request().getHeader(REQUEST_ID);
        String id = given != null && ACCEPTED_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.request().headers().set(REQUEST_ID, id);
        ctx.response().putHeader(REQUEST_ID, id);
        return id;
    }

    public static String of(HttpServerRequest request) {
        String id = request == null ? null : request.getHeader(REQUEST_ID);
        return id == null ? "none" : id;
    }

    /** Ends the exchange with a JSON error (used where no JAX-RS resource is involved). */
    public static void send(RoutingContext ctx, int status, String error, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(Json.toBytes(body(status, error, message, null, of(ctx.request())))));
    }
}
