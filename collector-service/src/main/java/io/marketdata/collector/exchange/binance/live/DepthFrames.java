package io.marketdata.collector.exchange.binance.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.exchange.ExchangeException;
import io.marketdata.collector.exchange.JsonFields;
import io.marketdata.collector.exchange.Levels;
import io.marketdata.contracts.Json;
import java.io.IOException;

/**
 * Parses the text frames of Binance's diff-depth streams: combined-stream wrappers
 * {@code {"stream":…,"data":{"e":"depthUpdate",…}}}, raw events, and the answers to
 * SUBSCRIBE/UNSUBSCRIBE ({@code {"result":null,"id":1}}), which carry no data.
 */
public final class DepthFrames {

    private DepthFrames() {
    }

    /**
     * The depth event of {@code text}, or null for a frame without one (a subscription answer, another
     * event type). A venue error answer or a malformed frame is an {@link ExchangeException}.
     */
    public static DepthEvent parse(String text) throws ExchangeException {
        JsonNode frame;
        try {
            frame = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw ExchangeException.badResponse("binance stream: malformed JSON: " + snippet(text));
        }
        if (frame == null || !frame.isObject()) {
            throw ExchangeException.badResponse("binance stream: not a JSON object: " + snippet(text));
        }
        if (frame.has("error")) {
            throw ExchangeException.badResponse("binance stream: error answer " + frame.get("error"));
        }
        JsonNode data = frame.has("data") ? frame.get("data") : frame;
        if (data.has("result") || !data.isObject()) {
            return null;
        }
        if (!"depthUpdate".equals(data.path("e").asText())) {
            return null;
        }
        String symbol = JsonFields.requiredText(data, "s", "binance depthUpdate");
        String what = "binance depthUpdate " + symbol;
        long eventTime = JsonFields.requiredLong(data, "E", what);
        long first = JsonFields.requiredLong(data, "U", what);
        long last = JsonFields.requiredLong(data, "u", what);
        Long previous = Levels.optionalLong(data.get("pu"), what + " pu");
        if (first > last) {
            throw ExchangeException.badResponse(what + ": U " + first + " > u " + last);
        }
        return new DepthEvent(symbol, eventTime, first, last, previous == null ? DepthEvent.NO_PREVIOUS : previous,
                changes(JsonFields.requiredArray(data, "b", what), what + " b"),
                changes(JsonFields.requiredArray(data, "a", what), what + " a"));
    }

    /** {@code [["price","qty"],…]}: positive prices, non-negative absolute quantities (0 = delete). */
    private static double[][] changes(JsonNode levels, String what) throws ExchangeException {
        double[][] out = new double[levels.size()][];
        int i = 0;
        for (JsonNode level : levels) {
            if (!level.isArray() || level.size() < 2) {
                throw ExchangeException.badResponse(what + ": unexpected level " + level);
            }
            double price = Levels.number(level.get(0), what + " price");
            double quantity = Levels.number(level.get(1), what + " quantity");
            if (!(price > 0) || !Double.isFinite(price) || !(quantity >= 0) || !Double.isFinite(quantity)) {
                throw ExchangeException.badResponse(what + ": invalid level " + level);
            }
            out[i++] = new double[] {price, quantity};
        }
        return out;
    }

    static String snippet(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
