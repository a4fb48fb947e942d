package io.marketdata.emulator.binance.stream;

import static io.marketdata.emulator.TestSupport.freeze;
import static io.marketdata.emulator.TestSupport.get;
import static io.marketdata.emulator.TestSupport.parse;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.assertFuturesChain;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.assertSpotChain;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.event;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.eventsThrough;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.futuresDepth;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.spotDepth;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.step;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.streamStats;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stream faults (gap, drop, silence), request errors and the stream limit. */
@QuarkusTest
class StreamFaultTest {

    @TestHTTPResource("/")
    URI base;

    @AfterEach
    void cleanUp() {
        given().delete("/_emulator/streams/binance-futures/silence");
        given().delete("/_emulator/streams/binance-spot/silence");
        freeze();
    }

    private static JsonNode admin(String method, String path, int status) {
        Response r = given().request(method, path);
        assertEquals(status, r.statusCode(), () -> method + " " + path + " → " + r.asString());
        return parse(r.asString());
    }

    private static long lastUpdateId(JsonNode depth) {
        return depth.get("lastUpdateId").asLong();
    }

    @Test
    void gapWithholdsTheNextEventOfOneSymbolExactlyOnce() {
        freeze();
        try (StreamClient c = StreamClient.connect(base, "/binance-futures/public/ws")) {
            c.request("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth\",\"ethusdt@depth\"],\"id\":1}");
            step(1);
            long btc1 = lastUpdateId(futuresDepth("BTCUSDT"));
            long eth1 = lastUpdateId(futuresDepth("ETHUSDT"));
            eventsThrough(c, "BTCUSDT", btc1);
            long gapsBefore = streamStats("binance-futures").get("gaps_injected").asLong();

            JsonNode gap = admin("POST", "/_emulator/streams/binance-futures/gap?symbol=BTCUSDT", 200);
            assertEquals("[\"BTCUSDT\"]", gap.get("symbols").toString());
            step(2);
            long btc3 = lastUpdateId(futuresDepth("BTCUSDT"));
            long eth3 = lastUpdateId(futuresDepth("ETHUSDT"));
            List<JsonNode> frames = new ArrayList<>();
            frames.addAll(drainUntil(c, Map.of("BTCUSDT", btc3, "ETHUSDT", eth3)));
            List<JsonNode> btc = bySymbol(frames, "BTCUSDT");
            List<JsonNode> eth = bySymbol(frames, "ETHUSDT");
            assertEquals(1, btc.size(), "BTC's first event after the gap was withheld");
            assertNotEquals(btc1, btc.get(0).get("pu").asLong(), "pu does not continue the last u seen");
            assertTrue(btc.get(0).get("pu").asLong() > btc1);
            assertFuturesChain(eth1, eth.subList(eth.size() - 2, eth.size()));
            assertEquals(gapsBefore + 1, streamStats("binance-futures").get("gaps_injected").asLong());

            step(2); // the gap was a one-off: the chain continues again
            List<JsonNode> after = eventsThrough(c, "BTCUSDT", lastUpdateId(futuresDepth("BTCUSDT")));
            assertEquals(2, after.size());
            assertFuturesChain(btc3, after);
        }
    }

    @Test
    void gapWithoutSymbolHitsEveryStreamedSpotSymbol() {
        freeze();
        String path = "/binance-spot/stream?streams=bnbusdt@depth/ethusdt@depth@100ms";
        try (StreamClient c = StreamClient.connect(base, path)) {
            c.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}");
            step(1);
            long bnb1 = lastUpdateId(spotDepth("BNBUSDT"));
            long eth1 = lastUpdateId(spotDepth("ETHUSDT"));
            drainUntil(c, Map.of("BNBUSDT", bnb1, "ETHUSDT", eth1));

            JsonNode gap = admin("POST", "/_emulator/streams/binance-spot/gap", 200);
            assertTrue(gap.get("symbols").toString().contains("\"BNBUSDT\""));
            assertTrue(gap.get("symbols").toString().contains("\"ETHUSDT\""));
            step(2);
            long bnb3 = lastUpdateId(spotDepth("BNBUSDT"));
            long eth3 = lastUpdateId(spotDepth("ETHUSDT"));
            List<JsonNode> frames = drainUntil(c, Map.of("BNBUSDT", bnb3, "ETHUSDT", eth3));
            for (String symbol : List.of("BNBUSDT", "ETHUSDT")) {
                List<JsonNode> events = bySymbol(frames, symbol);
                assertEquals(1, events.size(), symbol);
                long previousU = symbol.equals("BNBUSDT") ? bnb1 : eth1;
                assertTrue(events.get(0).get("U").asLong() > previousU + 1, symbol + ": U jumps past the gap");
            }
            step(1);
            List<JsonNode> next = eventsThrough(c, "BNBUSDT", lastUpdateId(spotDepth("BNBUSDT")));
            assertSpotChain(bnb3, next);
        }
    }

    /** Takes frames until every symbol's event with the given u has arrived; returns their events. */
    private static List<JsonNode> drainUntil(StreamClient c, Map<String, Long> lastIds) {
        Map<String, Long> pending = new HashMap<>(lastIds);
        List<JsonNode> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            JsonNode e = event(c.nextEvent());
            out.add(e);
            String s = e.get("s").asText();
            if (pending.containsKey(s) && pending.get(s) == e.get("u").asLong()) {
                pending.remove(s);
            }
        }
        return out;
    }

    private static List<JsonNode> bySymbol(List<JsonNode> events, String symbol) {
        return events.stream().filter(e -> symbol.equals(e.get("s").asText())).collect(Collectors.toList());
    }

    @Test
    void dropClosesEveryConnectionOfTheVenueOnly() {
        try (StreamClient futures = StreamClient.connect(base, "/binance-futures/public/ws/btcusdt@depth");
                StreamClient spot = StreamClient.connect(base, "/binance-spot/ws/btcusdt@depth")) {
            futures.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}");
            spot.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}");
            JsonNode dropped = admin("POST", "/_emulator/streams/binance-futures/drop", 200);
            assertTrue(dropped.get("closed").asInt() >= 1);
            assertEquals(1001, futures.awaitClose());
            assertEquals("[\"btcusdt@depth\"]",
                    spot.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}").get("result").toString());
            assertFalse(spot.isClosed());
            long deadline = System.currentTimeMillis() + StreamClient.TIMEOUT.toMillis();
            while (streamStats("binance-futures").get("connections").asInt() > 0
                    && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(0, streamStats("binance-futures").get("connections").asInt());
        }
    }

    @Test
    void restFaultsDoNotRefuseStreamConnections() {
        given().contentType("application/json").body("{\"mode\":\"http500\"}").put("/_emulator/faults/binance")
                .then().statusCode(200);
        try (StreamClient c = StreamClient.connect(base, "/binance-futures/public/ws/btcusdt@depth")) {
            assertEquals("[\"btcusdt@depth\"]",
                    c.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}").get("result").toString());
            assertEquals(500, given().get("/binance-futures/fapi/v1/depth?symbol=BTCUSDT").statusCode());
        } finally {
            given().delete("/_emulator/faults/binance").then().statusCode(200);
        }
    }

    @Test
    void silenceSendsNothingUntilClearedAndTheIdsJump() throws InterruptedException {
        freeze();
        try (StreamClient c = StreamClient.connect(base, "/binance-futures/public/ws/solusdt@depth@100ms")) {
            c.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}");
            step(1);
            long sol1 = lastUpdateId(futuresDepth("SOLUSDT"));
            eventsThrough(c, "SOLUSDT", sol1);

            assertTrue(admin("PUT", "/_emulator/streams/binance-futures/silence", 200).get("silent").asBoolean());
            assertTrue(streamStats("binance-futures").get("silent").asBoolean());
            step(2);
            long sol3 = lastUpdateId(futuresDepth("SOLUSDT"));
            Thread.sleep(300); // many sender polls
            assertTrue(c.drainEvents().isEmpty(), "nothing while silent");
            assertEquals("[\"solusdt@depth@100ms\"]",
                    c.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}").get("result").toString(),
                    "the connection stays open");

            assertFalse(admin("DELETE", "/_emulator/streams/binance-futures/silence", 200).get("silent").asBoolean());
            step(1);
            List<JsonNode> events = eventsThrough(c, "SOLUSDT", lastUpdateId(futuresDepth("SOLUSDT")));
            assertEquals(1, events.size(), "the silent ticks' events are skipped");
            assertEquals(sol3, events.get(0).get("pu").asLong());
            assertNotEquals(sol1, events.get(0).get("pu").asLong());
        }
    }

    @Test
    void badRequestsGetBinanceErrorFramesAndTheConnectionStaysOpen() {
        try (StreamClient c = StreamClient.connect(base, "/binance-futures/public/ws")) {
            assertError(c.request("not json"), 3, "null");
            assertError(c.request("{\"method\":\"SUBSCRIBE\",\"params\":\"btcusdt@depth\",\"id\":7}"), 2, "7");
            JsonNode unknown = c.request("{\"method\":\"FOO\",\"id\":8}");
            assertError(unknown, 2, "8");
            assertTrue(unknown.get("error").get("msg").asText().contains("unknown variant"));
            assertError(c.request("{\"params\":[\"btcusdt@depth\"],\"id\":9}"), 2, "9");
            assertError(c.request("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth\"],\"id\":-1}"), 2, "null");
            assertError(c.request("{\"method\":\"SUBSCRIBE\",\"params\":[\"bad name\"],\"id\":10}"), 2, "10");
            assertError(c.request("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",\"yes\"],\"id\":11}"), 1,
                    "11");
            assertError(c.request("{\"method\":\"GET_PROPERTY\",\"params\":[\"speed\"],\"id\":12}"), 0, "12");
            assertEquals("{\"result\":[],\"id\":13}",
                    c.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":13}").toString());
        }
    }

    private static void assertError(JsonNode reply, int code, String id) {
        assertEquals(code, reply.get("error").get("code").asInt(), reply::toString);
        assertTrue(reply.get("error").get("msg").asText().length() > 0);
        assertEquals(id, reply.get("id").toString());
        assertFalse(reply.has("result"));
    }

    private static List<String> names(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(k -> "s" + k + "usdt@depth").toList();
    }

    private static String subscribe(List<String> names, int id) {
        return "{\"method\":\"SUBSCRIBE\",\"params\":[" + names.stream().map(n -> "\"" + n + "\"")
                .collect(Collectors.joining(",")) + "],\"id\":" + id + "}";
    }

    @Test
    void aConnectionCarriesAtMost1024Streams() {
        try (StreamClient c = StreamClient.connect(base, "/binance-futures/public/ws")) {
            assertEquals("{\"result\":null,\"id\":1}", c.request(subscribe(names(0, 1024), 1)).toString());
            assertEquals(1024, c.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}").get("result").size());
            JsonNode refused = c.request(subscribe(names(1024, 1), 3));
            assertEquals(2, refused.get("error").get("code").asInt());
            assertEquals(1008, c.awaitClose());
        }
        String tooMany = String.join("/", names(0, 1025));
        try (StreamClient c = StreamClient.connect(base, "/binance-spot/stream?streams=" + tooMany)) {
            assertEquals(1008, c.awaitClose());
        }
    }

    @Test
    void adminAnswersUnknownVenuesAndSymbolsWith404AndStatsResetZeroesCounters() {
        assertEquals("unknown_venue", admin("GET", "/_emulator/streams/bybit", 404).get("error").asText());
        assertEquals("unknown_venue", admin("POST", "/_emulator/streams/htx/drop", 404).get("error").asText());
        assertEquals("not_listed",
                admin("POST", "/_emulator/streams/binance-spot/gap?symbol=KASUSDT", 404).get("error").asText());
        JsonNode stats = get("/_emulator/streams/binance-spot");
        for (String field : List.of("connections", "subscriptions", "events_sent", "gaps_injected")) {
            assertTrue(stats.get(field).isIntegralNumber(), field);
        }
        assertTrue(stats.get("silent").isBoolean());
        given().post("/_emulator/stats/reset").then().statusCode(200);
        assertEquals(0, streamStats("binance-futures").get("events_sent").asLong());
        assertEquals(0, streamStats("binance-futures").get("gaps_injected").asLong());
    }
}
