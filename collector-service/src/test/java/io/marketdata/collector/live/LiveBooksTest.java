package io.marketdata.collector.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.exchange.Instrument;
import io.marketdata.collector.exchange.binance.live.LiveBookFeed;
import io.marketdata.collector.exchange.binance.live.LiveBookFeeds;
import io.marketdata.collector.support.CollectorTestResource;
import io.marketdata.collector.support.Emulator;
import io.marketdata.collector.support.TestBus;
import io.marketdata.collector.symbols.SymbolRegistry;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.UnifiedSymbol;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live Binance books from the emulator's diff-depth streams, end to end over the real broker:
 * published about every second, equal to the emulator's book when its clock stands still, and
 * recovering from an injected sequence gap, dropped connections and a silent stream.
 */
@QuarkusTest
@QuarkusTestResource(value = CollectorTestResource.class, restrictToAnnotatedClass = false)
class LiveBooksTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final UnifiedSymbol BTC = UnifiedSymbol.of("BTC/USDT:USDT");
    private static final UnifiedSymbol ETH = UnifiedSymbol.of("ETH/USDT:USDT");
    /** covers() looks books up by native id, the same on both markets. */
    private static final Instrument BTCUSDT = new Instrument(BTC, "BTCUSDT", 1.0);

    /** loop name, emulator stream venue, routing key of BTCUSDT. */
    private record Market(String loop, String streamVenue, String bookVenue, String routingKey) {
    }

    private static final Market FUTURES = new Market("binance", "binance-futures", "binance", "futures.binance.BTCUSDT");
    private static final Market SPOT = new Market("binance-spot", "binance-spot", "binance-spot", "spot.binance.BTCUSDT");

    private static TestBus bus;

    @Inject
    LiveBookFeeds feeds;
    @Inject
    MeterRegistry registry;
    @Inject
    SymbolRegistry symbols;

    @BeforeAll
    static void connect() {
        bus = new TestBus();
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    @BeforeEach
    void runningMarketWithKnownSymbols() throws Exception {
        symbols.replace(List.of(BTC, ETH));
        Emulator.get().resume();
    }

    @AfterEach
    void liftStreamFaults() {
        Emulator.get().resume();
        for (Market market : List.of(FUTURES, SPOT)) {
            Emulator.get().silenceStreams(market.streamVenue(), false);
        }
    }

    @Test
    void liveBooksArePublishedEverySecondAndEqualTheEmulatorsFrozenBook() throws Exception {
        awaitLive(FUTURES);
        awaitLive(SPOT);
        TestBus.Subscription sub = bus.subscribe(Topology.MARKET_DATA_EXCHANGE, FUTURES.routingKey(), SPOT.routingKey());
        sub.collect(Duration.ofMillis(1_500)); // REST cycles that started before the books were live
        double disturbancesBefore = disturbances();
        List<TestBus.Received> window = sub.collect(Duration.ofSeconds(5));
        boolean undisturbed = disturbances() == disturbancesBefore;
        for (Market market : List.of(FUTURES, SPOT)) {
            List<TestBus.Received> messages = window.stream().filter(m -> m.routingKey().equals(market.routingKey())).toList();
            List<TestBus.Received> live = messages.stream().filter(LiveBooksTest::fromStream).toList();
            // about five a symbol in five seconds; ask for two so a loaded machine still passes
            assertTrue(live.size() >= 2, market.loop() + " live messages in 5 s: " + live.size());
            for (TestBus.Received m : live) {
                assertEquals(List.of(), SchemaValidator.get().validate(MessageType.MARKET_DATA, m.body()));
            }
            if (undisturbed) {
                assertEquals(live.size(), messages.size(), market.loop() + ": a live book is not also polled over REST");
            }
        }
        String health = RestAssured.get("/q/health/well").asString();
        assertTrue(wellness(health, "binance.live_books.synced") >= 1, health);
        assertTrue(wellness(health, "binance-spot.live_books.synced") >= 1, health);

        Emulator.get().freeze();
        assertEqualsFrozenBook(sub, FUTURES);
        assertEqualsFrozenBook(sub, SPOT);
    }

    @Test
    void aSequenceGapIsDetectedAndTheBookResyncedWhilePublishingContinues() {
        for (Market market : List.of(FUTURES, SPOT)) {
            awaitLive(market);
            double before = counter("collector_live_book_resyncs_total", market.loop(), "reason", "gap");
            Emulator.get().streamGap(market.streamVenue(), "BTCUSDT");
            await().atMost(WAIT).until(() -> counter("collector_live_book_resyncs_total", market.loop(), "reason", "gap")
                    > before);
            awaitLive(market);
            TestBus.Subscription sub = bus.subscribe(Topology.MARKET_DATA_EXCHANGE, market.routingKey());
            sub.await(LiveBooksTest::fromStream, WAIT);
        }
    }

    @Test
    void droppedConnectionsAreReopenedAndTheirBooksResynced() {
        for (Market market : List.of(FUTURES, SPOT)) {
            awaitLive(market);
            double before = reconnects(market.loop());
            Emulator.get().dropStreams(market.streamVenue());
            await().atMost(WAIT).until(() -> reconnects(market.loop()) > before);
            awaitLive(market);
            assertTrue(Emulator.get().streams(market.streamVenue()).get("connections").asInt() >= 1);
            TestBus.Subscription sub = bus.subscribe(Topology.MARKET_DATA_EXCHANGE, market.routingKey());
            sub.await(LiveBooksTest::fromStream, WAIT);
        }
    }

    @Test
    void aSilentStreamIsReplacedByTheWatchdogAndRestCoversTheBooksMeanwhile() {
        awaitLive(FUTURES);
        double before = counter("collector_ws_reconnects_total", FUTURES.loop(), "reason", "watchdog");
        Emulator.get().silenceStreams(FUTURES.streamVenue(), true);
        await().atMost(WAIT).until(() -> counter("collector_ws_reconnects_total", FUTURES.loop(), "reason", "watchdog")
                > before);
        assertFalse(feed(FUTURES).covers(BTCUSDT), "a reconnected, silent stream has no synced book");
        TestBus.Subscription sub = bus.subscribe(Topology.MARKET_DATA_EXCHANGE, FUTURES.routingKey());
        sub.await(m -> !fromStream(m), WAIT); // the REST loop polls it meanwhile

        Emulator.get().silenceStreams(FUTURES.streamVenue(), false);
        awaitLive(FUTURES);
        sub.await(LiveBooksTest::fromStream, WAIT);
    }

    @Test
    void symbolsAddedAndRemovedAtRunTimeGetAndLoseTheirLiveBooks() throws Exception {
        Instrument solusdt = new Instrument(UnifiedSymbol.of("SOL/USDT:USDT"), "SOLUSDT", 1.0);
        awaitLive(FUTURES);
        awaitLive(SPOT);
        int futuresStreams = subscriptions(FUTURES);
        int spotStreams = subscriptions(SPOT);
        symbols.add(solusdt.symbol());
        for (Market market : List.of(FUTURES, SPOT)) {
            await().atMost(WAIT).until(() -> feed(market).covers(solusdt));
        }
        assertEquals(futuresStreams + 1, subscriptions(FUTURES), "SOLUSDT subscribed on the open connection");
        assertEquals(spotStreams + 1, subscriptions(SPOT));
        symbols.remove(solusdt.symbol());
        for (Market market : List.of(FUTURES, SPOT)) {
            await().atMost(WAIT).until(() -> !feed(market).covers(solusdt) && total(feed(market)) == 2);
        }
        await().atMost(WAIT).until(() -> subscriptions(FUTURES) == futuresStreams && subscriptions(SPOT) == spotStreams);
    }

    private static int subscriptions(Market market) {
        return Emulator.get().streams(market.streamVenue()).get("subscriptions").asInt();
    }

    private static int total(LiveBookFeed feed) {
        return feed.status().synced() + feed.status().syncing() + feed.status().fallback();
    }

    /**
     * With the market frozen, steps it one tick (one event per symbol) and waits for the live message
     * at that update; a book re-synced meanwhile (watchdog on the silent frozen stream) catches up
     * within a few steps.
     */
    private void assertEqualsFrozenBook(TestBus.Subscription sub, Market market) throws IOException {
        for (int attempt = 1; attempt <= 6; attempt++) {
            Emulator.get().step(1);
            JsonNode book = Emulator.get().book(market.bookVenue(), "BTCUSDT");
            long updateId = book.get("update_id").asLong();
            TestBus.Received message;
            try {
                message = sub.await(m -> m.routingKey().equals(market.routingKey()) && fromStream(m)
                        && body(m).at("/extra/last_update_id").asLong() == updateId, Duration.ofSeconds(8));
            } catch (AssertionError notYet) {
                continue;
            }
            JsonNode body = Json.MAPPER.readTree(message.body());
            String where = market.loop() + ": ";
            assertEquals(book.get("best_bid").asDouble(), body.at("/ticker/bid").asDouble(), 1e-9, where + "best bid");
            assertEquals(book.get("best_ask").asDouble(), body.at("/ticker/ask").asDouble(), 1e-9, where + "best ask");
            assertLevelsEqual(where + "bids", book.get("bids"), body.at("/orderbook/bids"));
            assertLevelsEqual(where + "asks", book.get("asks"), body.at("/orderbook/asks"));
            assertTrue(body.at("/orderbook/timestamp").asLong() > 1_600_000_000_000L, where + "event time in ms");
            assertEquals(market == SPOT, body.get("funding_rate").isNull(), where + "funding only on futures");
            return;
        }
        throw new AssertionError(market.loop() + ": no live message at the emulator's update id after 6 steps");
    }

    /** Every published level equals the emulator's at the same position, and as deep as the book. */
    private static void assertLevelsEqual(String what, JsonNode expected, JsonNode actual) {
        assertEquals(expected.size(), actual.size(), what + " depth");
        for (int i = 0; i < actual.size(); i++) {
            assertEquals(expected.get(i).get(0).asDouble(), actual.get(i).get(0).asDouble(), 1e-9, what + " price at " + i);
            double size = expected.get(i).get(1).asDouble();
            assertEquals(size, actual.get(i).get(1).asDouble(), Math.max(1e-12, size * 1e-12), what + " size at " + i);
        }
    }

    private void awaitLive(Market market) {
        await().atMost(WAIT).until(() -> feed(market).covers(BTCUSDT));
    }

    private LiveBookFeed feed(Market market) {
        return feeds.feed(market.loop()).orElseThrow();
    }

    /** Resyncs and reconnects of both markets: while none happen, every synced book stays live. */
    private double disturbances() {
        double sum = 0;
        for (String name : List.of("collector_live_book_resyncs_total", "collector_ws_reconnects_total")) {
            sum += registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
        }
        return sum;
    }

    private double reconnects(String loop) {
        return registry.find("collector_ws_reconnects_total").tag("exchange", loop).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private double counter(String name, String exchange, String tag, String value) {
        Counter counter = registry.find(name).tag("exchange", exchange).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static boolean fromStream(TestBus.Received message) {
        return "stream".equals(body(message).at("/extra/book_source").asText());
    }

    private static JsonNode body(TestBus.Received message) {
        try {
            return Json.MAPPER.readTree(message.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A numeric entry of the exchange-feeds wellness check, -1 when absent. */
    static long wellness(String health, String key) {
        try {
            for (JsonNode check : Json.MAPPER.readTree(health).path("checks")) {
                if ("exchange-feeds".equals(check.path("name").asText()) && check.path("data").has(key)) {
                    return check.path("data").get(key).asLong();
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
