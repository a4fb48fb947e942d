package io.marketdata.emulator.binance.stream;

import static io.marketdata.emulator.TestSupport.get;
import static io.marketdata.emulator.TestSupport.parse;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Helpers of the stream tests: the clock, full-depth REST snapshots, event collection. */
final class StreamTestSupport {

    private StreamTestSupport() {
    }

    static long step(int ticks) {
        io.restassured.response.Response r = given().post("/_emulator/clock/step?ticks=" + ticks);
        assertEquals(200, r.statusCode());
        return parse(r.asString()).get("tick").asLong();
    }

    /** The full futures book (1000 levels a side, all the model has). */
    static JsonNode futuresDepth(String symbol) {
        return get("/binance-futures/fapi/v1/depth?symbol=" + symbol + "&limit=1000");
    }

    /** The full spot book (1000 levels a side, all the model has). */
    static JsonNode spotDepth(String symbol) {
        return get("/binance-spot/api/v3/depth?symbol=" + symbol + "&limit=1000");
    }

    static JsonNode streamStats(String venue) {
        return get("/_emulator/streams/" + venue);
    }

    /** The event of a frame: the frame itself, or its {@code data} on combined connections. */
    static JsonNode event(JsonNode frame) {
        return frame.has("data") ? frame.get("data") : frame;
    }

    /**
     * Takes events until {@code symbol}'s event with {@code u == lastId} (inclusive) and returns that
     * symbol's events in arrival order; frames of other symbols are passed over.
     */
    static List<JsonNode> eventsThrough(StreamClient client, String symbol, long lastId) {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            JsonNode e = event(client.nextEvent());
            if (!symbol.equals(e.get("s").asText())) {
                continue;
            }
            out.add(e);
            long u = e.get("u").asLong();
            assertTrue(u <= lastId, () -> symbol + " event u=" + u + " beyond the awaited " + lastId);
            if (u == lastId) {
                return out;
            }
        }
    }

    /** Futures ids chain: each event's pu is the previous event's u, and U follows it. */
    static void assertFuturesChain(long previousU, List<JsonNode> events) {
        long prev = previousU;
        for (JsonNode e : events) {
            assertEquals(prev, e.get("pu").asLong(), "pu continues the previous u");
            assertEquals(prev + 1, e.get("U").asLong(), "U follows the previous u");
            assertTrue(e.get("u").asLong() >= e.get("U").asLong(), "u ≥ U");
            prev = e.get("u").asLong();
        }
    }

    /** Spot ids chain: each event's U is the previous event's u + 1. */
    static void assertSpotChain(long previousU, List<JsonNode> events) {
        long prev = previousU;
        for (JsonNode e : events) {
            assertEquals(prev + 1, e.get("U").asLong(), "U is the previous u + 1");
            assertTrue(e.get("u").asLong() >= e.get("U").asLong(), "u ≥ U");
            prev = e.get("u").asLong();
        }
    }
}
