package io.marketdata.collector.exchange.binance.live;

import static io.marketdata.collector.exchange.binance.live.ScriptedStream.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.exchange.Instrument;
import io.marketdata.collector.exchange.MarketStats;
import io.marketdata.collector.exchange.ScriptedVenue;
import io.marketdata.collector.exchange.TestConfigs;
import io.marketdata.collector.publish.MarketDataPublisher;
import io.marketdata.collector.stats.LoopStatistics;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.market.MarketDataMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Vetoed;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A feed against a scripted stream server and a scripted REST venue: syncing, publishing, partial
 * frames, gaps, lost and silent connections, an unreachable stream, bad frames, symbol changes.
 */
class LiveBookFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instrument BTC = new Instrument(UnifiedSymbol.perpetual("BTC", "USDT", "USDT"), "BTCUSDT", 1.0);
    private static final Instrument ETH = new Instrument(UnifiedSymbol.perpetual("ETH", "USDT", "USDT"), "ETHUSDT", 1.0);
    private static final Instrument BTC_SPOT = new Instrument(new UnifiedSymbol("BTC", "USDT", null), "BTCUSDT", 1.0);

    private ScriptedStream stream;
    private ScriptedVenue venue;
    private SimpleMeterRegistry registry;
    private RecordingPublisher publisher;
    private LiveBookFeed feed;
    /** The lastUpdateId the REST snapshot answers with. */
    private final AtomicLong snapshotId = new AtomicLong(98);

    @BeforeEach
    void start() throws Exception {
        stream = new ScriptedStream();
        venue = ScriptedVenue.start()
                .route("/fapi/v1/depth", query -> ScriptedVenue.Answer.ok(snapshot(snapshotId.get())))
                .route("/api/v3/depth", query -> ScriptedVenue.Answer.ok(snapshot(snapshotId.get())));
        registry = new SimpleMeterRegistry();
        publisher = new RecordingPublisher();
    }

    @AfterEach
    void stop() throws Exception {
        if (feed != null) {
            feed.stop();
        }
        stream.close();
        venue.close();
    }

    @Test
    void syncsFromBufferedEventsAndTheSnapshotThenPublishesTheBookWithTheLoopsStats() {
        feed = feed(BinanceMarket.FUTURES, stream.wsUrl(), 50, Duration.ofSeconds(30));
        feed.follow(List.of(BTC));
        await(() -> stream.openConnections() == 1, WAIT, "connection");
        assertEquals("/public/stream?streams=btcusdt@depth@100ms", stream.connectedUris().get(0));
        feed.cycleStats(Map.of("BTCUSDT", new MarketStats(1.0, 2.0, 65000.0, 1234.5, 0.0001, 1730131200000L, 65000.15)));
        assertFalse(feed.covers(BTC));

        stream.send(futuresEvent(96, 100, 95, 1_000, "[[\"65000.10\",\"2.0\"]]", "[]"));
        await(() -> feed.covers(BTC), WAIT, "synced");
        assertEquals(List.of("/fapi/v1/depth?symbol=BTCUSDT&limit=1000"), venue.requests());
        stream.send(futuresEvent(101, 105, 100, 2_000, "[[\"64999.95\",\"0.5\"],[\"64999.90\",\"0\"]]",
                "[[\"65000.20\",\"0\"],[\"65000.30\",\"1.1\"]]"));

        MarketDataMessage message = publisher.await(105, WAIT);
        assertEquals("binance", message.exchange());
        assertEquals("futures", message.market());
        assertEquals("BTC/USDT:USDT", message.symbol());
        assertArrayEquals(new double[][] {{65000.10, 2.0}, {64999.95, 0.5}, {64999.50, 12.031}}, message.orderbook().bids());
        assertArrayEquals(new double[][] {{65000.30, 1.1}, {65000.40, 0.004}}, message.orderbook().asks());
        assertEquals(2_000, message.orderbook().timestamp(), "book time is the last applied event's E");
        assertEquals(65000.10, message.ticker().bid(), "bid from the local book, not the bulk ticker");
        assertEquals(65000.30, message.ticker().ask());
        assertEquals(65000.0, message.ticker().last());
        assertEquals(1234.5, message.ticker().volume24h());
        assertEquals(0.0001, message.fundingRate());
        assertEquals(1730131200000L, message.nextFundingTime());
        assertEquals(65000.15, message.markPrice());
        assertEquals("stream", message.extra().get("book_source"));
        assertEquals(2.0, registry.get("collector_live_book_events_total").counter().count());
        assertEquals(1.0, registry.get("collector_live_books").tag("state", "synced").gauge().value());
        assertTrue(registry.get("collector_snapshots_total").tag("outcome", "ok").counter().count() >= 1);
    }

    @Test
    void textFramesArrivingInPartsAreJoined() {
        syncedFutures();
        stream.sendInParts(futuresEvent(101, 105, 100, 2_000, "[[\"64999.95\",\"0.5\"]]", "[]"), 4);
        MarketDataMessage message = publisher.await(105, WAIT);
        assertArrayEquals(new double[] {64999.95, 0.5}, message.orderbook().bids()[1]);
    }

    @Test
    void aGapDiscardsTheBookAndResyncsFromANewSnapshotWhilePublishingContinues() {
        syncedFutures();
        snapshotId.set(112);
        stream.send(futuresEvent(111, 115, 110, 2_000, "[[\"65000.10\",\"3.0\"]]", "[]")); // pu 110 ≠ u 100
        await(() -> counter("collector_live_book_resyncs_total", "reason", "gap") == 1, WAIT, "gap counted");
        await(() -> feed.covers(BTC), WAIT, "synced again");
        assertEquals(2, venue.count("/fapi/v1/depth"), "a second snapshot");
        stream.send(futuresEvent(116, 120, 115, 3_000, "[]", "[]"));
        assertEquals(3.0, publisher.await(120, WAIT).orderbook().bids()[0][1]);
    }

    @Test
    void aClosedConnectionIsReopenedAndItsBooksResynced() {
        syncedFutures();
        stream.closeAll();
        await(() -> counter("collector_ws_reconnects_total", "reason", "closed")
                + counter("collector_ws_reconnects_total", "reason", "error") >= 1, WAIT, "reconnect counted");
        assertFalse(feed.covers(BTC), "a lost stream leaves the book to REST until it is synced again");
        assertEquals(1, counter("collector_live_book_resyncs_total", "reason", "reconnect"));
        await(() -> stream.openConnections() == 1 && stream.connectedUris().size() == 2, WAIT, "reconnected");
        snapshotId.set(203);
        stream.send(futuresEvent(201, 205, 200, 5_000, "[]", "[]"));
        await(() -> feed.covers(BTC), WAIT, "synced after the reconnect");
    }

    @Test
    void aSilentConnectionIsReplacedByTheWatchdog() {
        feed = feed(BinanceMarket.FUTURES, stream.wsUrl(), 50, Duration.ofSeconds(1));
        feed.follow(List.of(BTC));
        await(() -> counter("collector_ws_reconnects_total", "reason", "watchdog") >= 1, WAIT, "watchdog reconnect");
        await(() -> stream.connectedUris().size() >= 2, WAIT, "a new connection");
    }

    @Test
    void anUnreachableStreamLeavesItsSymbolsOnRestFallbackAfterTheMaximumAttempts() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        feed = feed(BinanceMarket.FUTURES, "ws://127.0.0.1:" + closedPort, 50, Duration.ofSeconds(30));
        feed.follow(List.of(BTC));
        assertEquals(1, feed.status().syncing());
        await(() -> feed.status().fallback() == 1, WAIT, "fallback");
        assertFalse(feed.covers(BTC));
        assertTrue(counter("collector_ws_reconnects_total", "reason", "connect_failed") >= 3);
        assertTrue(feed.status().fallbackReasons().get("BTCUSDT").startsWith("stream connect failed"),
                feed.status().fallbackReasons().toString());
    }

    @Test
    void badFramesAreCountedAndSkipped() {
        syncedFutures();
        stream.send("not json at all");
        stream.send("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\"}}");
        stream.send("{\"result\":null,\"id\":1}");
        stream.send(futuresEvent(101, 105, 100, 2_000, "[]", "[]"));
        publisher.await(105, WAIT);
        assertEquals(2.0, registry.get("collector_ws_bad_frames_total").counter().count());
    }

    @Test
    void symbolsAddedAndRemovedAtRunTimeAreSubscribedAndUnsubscribed() {
        feed = feed(BinanceMarket.FUTURES, stream.wsUrl(), 50, Duration.ofSeconds(30));
        feed.follow(List.of(BTC));
        await(() -> stream.openConnections() == 1, WAIT, "connection");
        feed.follow(List.of(BTC, ETH));
        await(() -> stream.received().stream().anyMatch(m -> m.contains("\"SUBSCRIBE\"") && m.contains("ethusdt@depth@100ms")),
                WAIT, "SUBSCRIBE ethusdt");
        feed.follow(List.of(ETH));
        await(() -> stream.received().stream().anyMatch(m -> m.contains("\"UNSUBSCRIBE\"") && m.contains("btcusdt@depth@100ms")),
                WAIT, "UNSUBSCRIBE btcusdt");
        assertEquals(1, stream.connectedUris().size(), "changes travel on the open connection");
        assertEquals(1, feed.status().syncing());
        feed.follow(List.of());
        await(() -> stream.openConnections() == 0, WAIT, "the empty connection closes");
    }

    @Test
    void streamsAreSpreadOverConnectionsOfTheConfiguredSize() {
        feed = feed(BinanceMarket.FUTURES, stream.wsUrl(), 1, Duration.ofSeconds(30));
        feed.follow(List.of(BTC, ETH));
        await(() -> stream.openConnections() == 2, WAIT, "two connections");
        assertEquals(List.of("/public/stream?streams=btcusdt@depth@100ms", "/public/stream?streams=ethusdt@depth@100ms"),
                stream.connectedUris().stream().sorted().toList());
    }

    @Test
    void spotUsesItsOwnPathSnapshotEndpointAndSyncRuleAndPublishesNoFunding() {
        feed = feed(BinanceMarket.SPOT, stream.wsUrl(), 50, Duration.ofSeconds(30));
        feed.follow(List.of(BTC_SPOT));
        await(() -> stream.openConnections() == 1, WAIT, "connection");
        assertEquals("/stream?streams=btcusdt@depth@100ms", stream.connectedUris().get(0));
        feed.cycleStats(Map.of("BTCUSDT", new MarketStats(1.0, 2.0, 65000.0, 99.0, 0.0001, 1L, 3.0)));
        snapshotId.set(95); // older than the first buffered U (96): refetched
        stream.send(spotEvent(96, 100, 1_000, "[[\"65000.10\",\"2.0\"]]"));
        await(() -> counter("collector_live_book_resyncs_total", "reason", "snapshot_mismatch") == 1, WAIT, "refetch");
        snapshotId.set(97);
        await(() -> feed.covers(BTC_SPOT), WAIT, "synced");
        stream.send(spotEvent(101, 103, 2_000, "[]"));
        MarketDataMessage message = publisher.await(103, WAIT);
        assertEquals("spot", message.market());
        assertEquals("BTC/USDT", message.symbol());
        assertEquals(2.0, message.orderbook().bids()[0][1]);
        assertNull(message.fundingRate());
        assertNull(message.markPrice());
        assertTrue(venue.requests().get(0).startsWith("/api/v3/depth?symbol=BTCUSDT&limit=1000"));
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A futures feed following BTCUSDT, synced on the snapshot at 98 by the event 96..100. */
    private void syncedFutures() {
        feed = feed(BinanceMarket.FUTURES, stream.wsUrl(), 50, Duration.ofSeconds(30));
        feed.follow(List.of(BTC));
        await(() -> stream.openConnections() == 1, WAIT, "connection");
        stream.send(futuresEvent(96, 100, 95, 1_000, "[]", "[]"));
        await(() -> feed.covers(BTC), WAIT, "synced");
    }

    private LiveBookFeed feed(BinanceMarket market, String wsUrl, int perConnection, Duration watchdog) {
        Map<String, Object> values = new HashMap<>();
        values.put("enabled", true);
        values.put("publishInterval", Duration.ofMillis(100));
        values.put("streamsPerConnection", perConnection);
        values.put("updateSpeed", "100ms");
        values.put("snapshotDepth", 1000);
        values.put("watchdog", watchdog);
        values.put("maxReconnectDelay", Duration.ofMillis(200));
        values.put("maxSyncAttempts", 3);
        CollectorConfig.LiveBooks settings = TestConfigs.settings(CollectorConfig.LiveBooks.class, values);
        return new LiveBookFeed(market, wsUrl, settings, 1000, Duration.ofSeconds(2),
                venue.client(market.loopName(), 100_000, Duration.ofMinutes(1)), publisher,
                new LoopStatistics(market.loopName()), registry);
    }

    private double counter(String name, String tag, String value) {
        Counter counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String snapshot(long lastUpdateId) {
        return "{\"lastUpdateId\":" + lastUpdateId + ",\"E\":900,\"T\":899,"
                + "\"bids\":[[\"65000.10\",\"1.5\"],[\"64999.90\",\"0.8\"],[\"64999.50\",\"12.031\"]],"
                + "\"asks\":[[\"65000.20\",\"2.3\"],[\"65000.40\",\"0.004\"]]}";
    }

    private static String futuresEvent(long first, long last, long previous, long time, String bids, String asks) {
        return "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":" + time + ",\"T\":" + (time - 2)
                + ",\"s\":\"BTCUSDT\",\"U\":" + first + ",\"u\":" + last + ",\"pu\":" + previous + ",\"b\":" + bids
                + ",\"a\":" + asks + "}}";
    }

    private static String spotEvent(long first, long last, long time, String bids) {
        return "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":" + time
                + ",\"s\":\"BTCUSDT\",\"U\":" + first + ",\"u\":" + last + ",\"b\":" + bids + ",\"a\":[]}}";
    }

    /** Keeps what would go to RabbitMQ (vetoed: not a second publisher bean in the Quarkus tests). */
    @Vetoed
    private static final class RecordingPublisher extends MarketDataPublisher {
        final List<MarketDataMessage> messages = new CopyOnWriteArrayList<>();

        @Override
        public void publishMarketData(MarketDataMessage message, String correlationId) {
            messages.add(message);
        }

        /** The first message published from the book at update {@code updateId}. */
        MarketDataMessage await(long updateId, Duration timeout) {
            MarketDataMessage[] found = new MarketDataMessage[1];
            ScriptedStream.await(() -> {
                for (MarketDataMessage m : messages) {
                    if (Long.valueOf(updateId).equals(m.extra().get("last_update_id"))) {
                        found[0] = m;
                        return true;
                    }
                }
                return false;
            }, timeout, "a message at update " + updateId);
            return found[0];
        }
    }
}
