package io.marketdata.emulator.binance.stream;

import static io.marketdata.emulator.TestSupport.freeze;
import static io.marketdata.emulator.TestSupport.resume;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.assertFuturesChain;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.assertSpotChain;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.event;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.eventsThrough;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.futuresDepth;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.spotDepth;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.step;
import static io.marketdata.emulator.binance.stream.StreamTestSupport.streamStats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The diff-depth streams: URL forms, wire shapes, id chaining, and consistency with the REST depth. */
@QuarkusTest
class DepthStreamTest {

    private static final String LIST = "{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}";

    @TestHTTPResource("/")
    URI base;

    @AfterEach
    void frozenAgain() {
        freeze();
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> names = new TreeSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Fields as Binance sends them, and every level printed like the REST depth prints it. */
    private static void assertEventShape(JsonNode e, String symbol, boolean futures, JsonNode restBook) {
        Set<String> expected = futures ? Set.of("e", "E", "T", "s", "U", "u", "pu", "b", "a")
                : Set.of("e", "E", "s", "U", "u", "b", "a");
        assertEquals(new TreeSet<>(expected), fieldNames(e));
        assertEquals("depthUpdate", e.get("e").asText());
        assertEquals(symbol, e.get("s").asText());
        assertTrue(e.get("E").isIntegralNumber() && e.get("U").isIntegralNumber() && e.get("u").isIntegralNumber());
        if (futures) {
            assertTrue(e.get("E").asLong() >= e.get("T").asLong(), "event time after transaction time");
        }
        int priceScale = new BigDecimal(restBook.get("bids").get(0).get(0).asText()).scale();
        int qtyScale = new BigDecimal(restBook.get("bids").get(0).get(1).asText()).scale();
        assertTrue(e.get("b").size() + e.get("a").size() > 0, "a tick changes the book");
        for (String side : List.of("b", "a")) {
            for (JsonNode level : e.get(side)) {
                assertTrue(level.get(0).isTextual() && level.get(1).isTextual(), "levels are strings");
                assertEquals(priceScale, new BigDecimal(level.get(0).asText()).scale(), "price decimals " + level);
                assertEquals(qtyScale, new BigDecimal(level.get(1).asText()).scale(), "quantity decimals " + level);
            }
        }
    }

    @Test
    void rawFuturesStreamIsSilentWhileFrozenAndStepsProduceChainedDiffs() throws InterruptedException {
        freeze();
        try (StreamClient c = StreamClient.connect(base, "/binance-futures/public/ws/ethusdt@depth")) {
            JsonNode list = c.request(LIST);
            assertEquals("[\"ethusdt@depth\"]", list.get("result").toString());
            assertEquals(1, list.get("id").asLong());
            JsonNode before = futuresDepth("ETHUSDT");
            Thread.sleep(300); // many sender polls (20 ms in tests) on a frozen clock
            assertTrue(c.drainEvents().isEmpty(), "no events while frozen");

            step(3);
            JsonNode after = futuresDepth("ETHUSDT");
            List<JsonNode> events = eventsThrough(c, "ETHUSDT", after.get("lastUpdateId").asLong());
            assertEquals(3, events.size(), "one event per stepped tick");
            assertFuturesChain(before.get("lastUpdateId").asLong(), events);
            boolean sawRemoval = false;
            for (JsonNode e : events) {
                assertEventShape(e, "ETHUSDT", true, before);
                for (JsonNode level : e.get("b")) {
                    sawRemoval |= new BigDecimal(level.get(1).asText()).signum() == 0;
                }
                for (JsonNode level : e.get("a")) {
                    sawRemoval |= new BigDecimal(level.get(1).asText()).signum() == 0;
                }
            }
            assertTrue(sawRemoval, "levels that disappear are sent with quantity 0");
            // The events are exactly the differences: snapshot before + events = snapshot after.
            LocalBook book = new LocalBook(before);
            events.forEach(book::apply);
            book.assertEqualsSnapshot(after);
        }
    }

    @Test
    void aStepLongerThanTheCatchUpLimitIsOneMergedEventThatStillChains() {
        freeze();
        try (StreamClient c = StreamClient.connect(base, "/binance-futures/public/ws/btcusdt@depth@250ms")) {
            c.request(LIST);
            JsonNode before = futuresDepth("BTCUSDT");
            step(25); // emulator.streams.max-catch-up-ticks is 20
            JsonNode after = futuresDepth("BTCUSDT");
            List<JsonNode> events = eventsThrough(c, "BTCUSDT", after.get("lastUpdateId").asLong());
            assertEquals(1, events.size(), "one event spans the 25 ticks");
            assertFuturesChain(before.get("lastUpdateId").asLong(), events);
            LocalBook book = new LocalBook(before);
            book.apply(events.get(0));
            book.assertEqualsSnapshot(after);
        }
    }

    @Test
    void spotSubscribeByMethodDeliversChainedEventsAndUnsubscribeStopsThem() throws InterruptedException {
        freeze();
        try (StreamClient c = StreamClient.connect(base, "/binance-spot/ws")) {
            JsonNode ok = c.request("{\"method\":\"SUBSCRIBE\",\"params\":[\"bnbusdt@depth@100ms\"],\"id\":1}");
            assertEquals("{\"result\":null,\"id\":1}", ok.toString());
            assertEquals("{\"result\":[\"bnbusdt@depth@100ms\"],\"id\":2}",
                    c.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}").toString());
            JsonNode before = spotDepth("BNBUSDT");
            step(2);
            JsonNode after = spotDepth("BNBUSDT");
            List<JsonNode> events = eventsThrough(c, "BNBUSDT", after.get("lastUpdateId").asLong());
            assertEquals(2, events.size());
            assertSpotChain(before.get("lastUpdateId").asLong(), events);
            events.forEach(e -> assertEventShape(e, "BNBUSDT", false, before));
            LocalBook book = new LocalBook(before);
            events.forEach(book::apply);
            book.assertEqualsSnapshot(after);

            assertEquals("{\"result\":null,\"id\":\"u-3\"}",
                    c.request("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"bnbusdt@depth@100ms\"],\"id\":\"u-3\"}")
                            .toString());
            assertEquals("{\"result\":[],\"id\":4}", c.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":4}")
                    .toString());
            step(2);
            Thread.sleep(300);
            assertTrue(c.drainEvents().isEmpty(), "no events after UNSUBSCRIBE");
        }
    }

    @Test
    void combinedStreamsWrapFramesAndAcceptSubscriptionsThatProduceNothing() throws InterruptedException {
        freeze();
        String path = "/binance-futures/public/stream?streams=btcusdt@depth@100ms/ethusdt@depth";
        try (StreamClient c = StreamClient.connect(base, path)) {
            assertEquals("[\"btcusdt@depth@100ms\",\"ethusdt@depth\"]", c.request(LIST).get("result").toString());
            JsonNode ok = c.request("{\"method\":\"SUBSCRIBE\",\"params\":[\"solusdt@depth@500ms\","
                    + "\"btcusdt@markPrice\",\"nosuchusdt@depth\",\"ethusdt@depth@250ms\"],\"id\":5}");
            assertEquals("{\"result\":null,\"id\":5}", ok.toString());
            assertEquals(6, c.request(LIST).get("result").size());

            step(1);
            Map<String, String> streamOf = Map.of("BTCUSDT", "btcusdt@depth@100ms", "SOLUSDT", "solusdt@depth@500ms");
            Map<String, Long> awaited = new HashMap<>();
            for (String s : List.of("BTCUSDT", "ETHUSDT", "SOLUSDT")) {
                awaited.put(s, futuresDepth(s).get("lastUpdateId").asLong());
            }
            Map<String, Integer> framesPerStream = new HashMap<>();
            int pending = 4; // ETH arrives on two streams
            while (pending > 0) {
                JsonNode frame = c.nextEvent();
                assertEquals(Set.of("data", "stream"), fieldNames(frame));
                JsonNode e = frame.get("data");
                String symbol = e.get("s").asText();
                String stream = frame.get("stream").asText();
                if (symbol.equals("ETHUSDT")) {
                    assertTrue(stream.equals("ethusdt@depth") || stream.equals("ethusdt@depth@250ms"), stream);
                } else {
                    assertEquals(streamOf.get(symbol), stream);
                }
                framesPerStream.merge(stream, 1, Integer::sum);
                if (e.get("u").asLong() == awaited.get(symbol)) {
                    pending--;
                }
            }
            assertEquals(Map.of("btcusdt@depth@100ms", 1, "ethusdt@depth", 1, "ethusdt@depth@250ms", 1,
                    "solusdt@depth@500ms", 1), framesPerStream);
            Thread.sleep(200);
            assertTrue(c.drainEvents().isEmpty(), "markPrice and unknown symbols produce nothing");

            JsonNode stats = streamStats("binance-futures");
            assertTrue(stats.get("connections").asInt() >= 1);
            assertTrue(stats.get("subscriptions").asInt() >= 6);
            assertTrue(stats.get("events_sent").asLong() >= 4);
            assertFalse(stats.get("silent").asBoolean());
        }
    }

    @Test
    void setPropertyCombinedWrapsRawFrames() {
        freeze();
        try (StreamClient c = StreamClient.connect(base, "/binance-spot/ws/ethusdt@depth")) {
            assertEquals("{\"result\":false,\"id\":1}",
                    c.request("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":1}").toString());
            assertEquals("{\"result\":null,\"id\":2}",
                    c.request("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",true],\"id\":2}").toString());
            assertEquals("{\"result\":true,\"id\":3}",
                    c.request("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":3}").toString());
            step(1);
            JsonNode frame = c.nextEvent();
            assertEquals("ethusdt@depth", frame.get("stream").asText());
            assertEquals(spotDepth("ETHUSDT").get("lastUpdateId").asLong(), frame.get("data").get("u").asLong());
        }
    }

    /** Binance's futures procedure on a running market, then the result compared with a later snapshot. */
    @Test
    void futuresSynchronisationReproducesTheRestBook() {
        resume();
        try (StreamClient c = StreamClient.connect(base, "/binance-futures/public/stream?streams=btcusdt@depth@100ms")) {
            Deque<JsonNode> buffered = new ArrayDeque<>();
            buffered.add(event(c.nextEvent())); // the stream is flowing: now take the snapshot
            JsonNode snapshot = futuresDepth("BTCUSDT");
            long lastUpdateId = snapshot.get("lastUpdateId").asLong();
            LocalBook book = new LocalBook(snapshot);
            long previousU = -1;
            int applied = 0;
            while (applied < 5) {
                JsonNode e = buffered.isEmpty() ? event(c.nextEvent()) : buffered.poll();
                if (e.get("u").asLong() < lastUpdateId) {
                    continue; // older than the snapshot
                }
                if (previousU < 0) {
                    assertTrue(e.get("U").asLong() <= lastUpdateId && lastUpdateId <= e.get("u").asLong(),
                            "first event spans the snapshot id");
                } else {
                    assertEquals(previousU, e.get("pu").asLong(), "pu chains");
                }
                book.apply(e);
                previousU = e.get("u").asLong();
                applied++;
            }
            freeze();
            JsonNode fin = futuresDepth("BTCUSDT");
            long target = fin.get("lastUpdateId").asLong();
            if (previousU < target) {
                List<JsonNode> rest = eventsThrough(c, "BTCUSDT", target);
                assertFuturesChain(previousU, rest);
                rest.forEach(book::apply);
            }
            assertEquals(target, book.updateId());
            book.assertEqualsSnapshot(fin);
        }
    }

    /** Binance's spot procedure (U of the first event, snapshot not older, u > lastUpdateId …). */
    @Test
    void spotSynchronisationReproducesTheRestBook() {
        resume();
        try (StreamClient c = StreamClient.connect(base, "/binance-spot/ws/ethusdt@depth@100ms")) {
            List<JsonNode> buffered = new ArrayList<>();
            buffered.add(c.nextEvent());
            long firstU = buffered.get(0).get("U").asLong();
            JsonNode snapshot = spotDepth("ETHUSDT");
            for (int attempt = 0; snapshot.get("lastUpdateId").asLong() < firstU && attempt < 50; attempt++) {
                snapshot = spotDepth("ETHUSDT");
            }
            long lastUpdateId = snapshot.get("lastUpdateId").asLong();
            assertTrue(lastUpdateId >= firstU, "snapshot not older than the stream");
            LocalBook book = new LocalBook(snapshot);
            Iterator<JsonNode> fromBuffer = buffered.iterator();
            boolean first = true;
            int applied = 0;
            while (applied < 5) {
                JsonNode e = fromBuffer.hasNext() ? fromBuffer.next() : c.nextEvent();
                if (e.get("u").asLong() <= book.updateId()) {
                    continue; // already in the snapshot
                }
                if (first) {
                    assertTrue(e.get("U").asLong() <= lastUpdateId + 1 && e.get("u").asLong() >= lastUpdateId + 1,
                            "first event continues the snapshot");
                    first = false;
                } else {
                    assertEquals(book.updateId() + 1, e.get("U").asLong(), "U chains");
                }
                book.apply(e);
                applied++;
            }
            freeze();
            JsonNode fin = spotDepth("ETHUSDT");
            long target = fin.get("lastUpdateId").asLong();
            if (book.updateId() < target) {
                List<JsonNode> rest = eventsThrough(c, "ETHUSDT", target);
                assertSpotChain(book.updateId(), rest);
                rest.forEach(book::apply);
            }
            assertEquals(target, book.updateId());
            book.assertEqualsSnapshot(fin);
        }
    }
}
