package io.marketdata.emulator.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** JSON responses from pre-rendered bodies. */
public final class Responses {

    public static final String JSON = MediaType.APPLICATION_JSON;

    private Responses() {
    }

    public static Response json(int status, String body) {
        return Response.status(status).type(JSON).entity(body).build();
    }

    public static Response ok(String body) {
        return json(200, body);
    }

    public static Response ok(JsonWriter body) {
        return json(200, body.toString());
    }

    /** The admin API's error shape: {"error":code,"message":…}. */
    public static Response adminError(int status, String code, String message) {
        return json(status, new JsonWriter().beginObject().field("error", code).field("message", message).endObject()
                .toString());
    }

    /** A (trimmed) integer query parameter; null when absent or not an integer. */
    public static Integer intOrNull(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Integer.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An optional integer query parameter: {@code fallback} when absent or empty, null when not an integer. */
    public static Integer intOrNull(String raw, int fallback) {
        return raw == null || raw.isEmpty() ? Integer.valueOf(fallback) : intOrNull(raw);
    }

    /** Parses an optional integer query parameter; null when absent, throws NumberFormatException when malformed. */
    public static Integer optionalInt(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return Integer.valueOf(raw.trim());
    }
}
