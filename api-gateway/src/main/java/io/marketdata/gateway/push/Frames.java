package io.marketdata.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketdata.contracts.Json;

/**
 * The envelope of every frame: {@code {"type","channel","key","data"}} ({@code type} is
 * {@code snapshot}, {@code update} or {@code error}). Built once per message and shared by every
 * subscriber, so a busy key costs one serialisation, not one per client.
 */
final class Frames {

    private Frames() {
    }

    static String snapshot(PushChannel channel, String key, JsonNode data) {
        return frame("snapshot", channel, key, data);
    }

    static String update(PushChannel channel, String key, JsonNode data) {
        return frame("update", channel, key, data);
    }

    static String error(PushChannel channel, String key, String message) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("type", "error");
        out.put("channel", channel.wireName());
        if (key != null) {
            out.put("key", key);
        }
        out.put("message", message);
        return out.toString();
    }

    private static String frame(String type, PushChannel channel, String key, JsonNode data) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("type", type);
        out.put("channel", channel.wireName());
        out.put("key", key);
        out.set("data", data == null ? Json.MAPPER.nullNode() : data);
        return out.toString();
    }
}
