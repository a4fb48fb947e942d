package io.marketdata.emulator.binance.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketdata.emulator.web.JsonWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Binance's live-subscription requests on a stream connection:
 * {@code {"method":"SUBSCRIBE"|"UNSUBSCRIBE"|"LIST_SUBSCRIPTIONS"|"SET_PROPERTY"|"GET_PROPERTY","params":[…],"id":n}},
 * answered {@code {"result":…,"id":n}} or {@code {"error":{"code":n,"msg":"…"},"id":n}} with Binance's
 * error codes (0 unknown property, 1 invalid value type, 2 invalid request, 3 invalid JSON).
 */
final class StreamRequests {

    /** The answer frame, and whether the connection is to be closed after it (stream limit exceeded). */
    record Reply(String text, boolean closeAfter) {
    }

    private static final String METHODS =
            "`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`";
    private static final String COMBINED = "combined";

    private final StreamHub hub;
    private final ObjectMapper mapper;

    StreamRequests(StreamHub hub, ObjectMapper mapper) {
        this.hub = hub;
        this.mapper = mapper;
    }

    Reply handle(StreamSession session, String text) {
        JsonNode request;
        try {
            request = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return error(3, "Invalid JSON: " + e.getOriginalMessage(), null);
        }
        if (request == null || !request.isObject()) {
            return error(3, "Invalid JSON: expected an object", null);
        }
        JsonNode id = request.get("id");
        if (!validId(id)) {
            return error(2, "Invalid request: request ID must be an unsigned integer", null);
        }
        JsonNode method = request.get("method");
        if (method == null || method.isNull()) {
            return error(2, "Invalid request: missing field `method`", id);
        }
        if (!method.isTextual()) {
            return error(2, "Invalid request: method must be a string", id);
        }
        JsonNode params = request.get("params");
        return switch (method.asText()) {
            case "SUBSCRIBE" -> subscribe(session, params, id);
            case "UNSUBSCRIBE" -> unsubscribe(session, params, id);
            case "LIST_SUBSCRIPTIONS" -> list(session, id);
            case "SET_PROPERTY" -> setProperty(session, params, id);
            case "GET_PROPERTY" -> getProperty(session, params, id);
            default -> error(2, "Invalid request: unknown variant `" + method.asText() + "`, expected one of "
                    + METHODS, id);
        };
    }

    private Reply subscribe(StreamSession session, JsonNode params, JsonNode id) {
        List<String> names = new ArrayList<>();
        Reply invalid = streamNames(params, id, names);
        if (invalid != null) {
            return invalid;
        }
        if (hub.subscribe(session, names) == null) {
            Reply refused = error(2, "Invalid request: a connection can listen to at most "
                    + StreamHub.MAX_STREAMS_PER_CONNECTION + " streams", id);
            return new Reply(refused.text(), true);
        }
        return result(id, null);
    }

    private Reply unsubscribe(StreamSession session, JsonNode params, JsonNode id) {
        List<String> names = new ArrayList<>();
        Reply invalid = streamNames(params, id, names);
        if (invalid != null) {
            return invalid;
        }
        hub.unsubscribe(session, names);
        return result(id, null);
    }

    private static Reply list(StreamSession session, JsonNode id) {
        JsonWriter w = new JsonWriter().beginObject().name("result").beginArray();
        for (String name : session.streams()) {
            w.str(name);
        }
        w.endArray();
        return new Reply(withId(w, id), false);
    }

    private static Reply setProperty(StreamSession session, JsonNode params, JsonNode id) {
        if (params == null || !params.isArray() || params.size() != 2 || !params.get(0).isTextual()) {
            return error(2, "Invalid request: params must be [\"combined\", true|false]", id);
        }
        if (!COMBINED.equals(params.get(0).asText())) {
            return error(0, "Unknown property", id);
        }
        if (!params.get(1).isBoolean()) {
            return error(1, "Invalid value type: expected Boolean", id);
        }
        session.combined(params.get(1).asBoolean());
        return result(id, null);
    }

    private static Reply getProperty(StreamSession session, JsonNode params, JsonNode id) {
        if (params == null || !params.isArray() || params.size() != 1 || !params.get(0).isTextual()) {
            return error(2, "Invalid request: params must be [\"combined\"]", id);
        }
        if (!COMBINED.equals(params.get(0).asText())) {
            return error(0, "Unknown property", id);
        }
        return result(id, session.combined());
    }

    /** Collects the stream names of {@code params} into {@code out}; an error reply when they are not valid. */
    private static Reply streamNames(JsonNode params, JsonNode id, List<String> out) {
        if (params == null || !params.isArray() || params.isEmpty()) {
            return error(2, "Invalid request: params must be a non-empty array of stream names", id);
        }
        for (JsonNode p : params) {
            if (!p.isTextual()) {
                return error(2, "Invalid request: stream names must be strings", id);
            }
            if (!StreamNames.plausible(p.asText())) {
                return error(2, "Invalid request: invalid stream name `" + p.asText() + "`", id);
            }
            out.add(p.asText());
        }
        return null;
    }

    /** Binance takes an unsigned integer, a string or null as id and echoes it. */
    private static boolean validId(JsonNode id) {
        if (id == null || id.isNull()) {
            return true;
        }
        if (id.isIntegralNumber()) {
            return id.canConvertToLong() && id.asLong() >= 0;
        }
        return id.isTextual() && id.asText().length() <= 64;
    }

    private static Reply result(JsonNode id, Boolean value) {
        JsonWriter w = new JsonWriter().beginObject().name("result");
        if (value == null) {
            w.nul();
        } else {
            w.bool(value);
        }
        return new Reply(withId(w, id), false);
    }

    private static Reply error(int code, String msg, JsonNode id) {
        JsonWriter w = new JsonWriter().beginObject().name("error").beginObject().field("code", code)
                .field("msg", msg).endObject();
        return new Reply(withId(w, id), false);
    }

    /** Appends {@code "id":…} (the request's id as it was sent) and closes the object. */
    private static String withId(JsonWriter w, JsonNode id) {
        w.name("id");
        if (id == null || id.isNull()) {
            w.nul();
        } else if (id.isTextual()) {
            w.str(id.asText());
        } else {
            w.num(id.asLong());
        }
        return w.endObject().toString();
    }
}
