package io.marketdata.orderbook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.GetResponse;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.market.OrderBook;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.consume.BookConsumer;
import io.marketdata.orderbook.history.Checkpoint;
import io.marketdata.orderbook.history.HistoryMaintenance;
import io.marketdata.orderbook.history.HistoryStore;
import io.marketdata.orderbook.history.MinutePoint;
import io.marketdata.orderbook.history.SeriesKey;
import io.marketdata.orderbook.indices.IndexHistory;
import io.marketdata.orderbook.support.Books;
import io.marketdata.orderbook.support.TestBus;
import io.marketdata.orderbook.support.TestDb;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service over the real broker, PostgreSQL and Redis: market data in, depth messages, minute
 * rows, hot cache, dead letters and the HTTP API out. Books are stamped in a minute ten minutes
 * ahead so the wall clock never closes it during the test: only the next minute's book does.
 */
@QuarkusTest
class PipelineTest {

    private static TestBus bus;

    @Inject
    OrderbookConfig config;
    @Inject
    BookConsumer consumer;

    /** The consumer attaches in the background; publishing before its queue exists would lose messages. */
    @BeforeEach
    void attached() {
        await().atMost(Duration.ofSeconds(30)).until(consumer::consuming);
    }
    @Inject
    MeterRegistry registry;
    @Inject
    HistoryMaintenance maintenance;
    @Inject
    HistoryStore store;
    @Inject
    IndexHistory indices;

    @BeforeAll
    static void connect() {
        bus = new TestBus();
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    private static long futureMinute() {
        return (System.currentTimeMillis() / 60_000 + 10) * 60_000;
    }

    @Test
    void depthMessagesCarryTheBandsOfTheLatestBook() throws Exception {
        UnifiedSymbol symbol = Books.uniqueSymbol();
        BlockingQueue<TestBus.Received> depth = bus.subscribe(Topology.ANALYTICS_EXCHANGE,
                "depth.binance.futures." + symbol.routingSymbol());
        bus.publish(Books.routingKey("binance", symbol), Books.message("binance", symbol, futureMinute(), Books.reference(1, futureMinute())));

        TestBus.Received r = TestBus.await(depth, x -> true, Duration.ofSeconds(10));
        assertNotNull(r, "no depth message");
        assertTrue(SchemaValidator.get().validate(MessageType.DEPTH_UPDATE, r.body()).isEmpty());
        assertEquals(MessageType.SCHEMA_VERSION, r.properties().getHeaders().get(Topology.SCHEMA_VERSION_HEADER).toString());
        assertNotNull(r.properties().getMessageId());
        assertTrue(r.properties().getCorrelationId().startsWith("test-"), "correlation id propagated");
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertEquals(symbol.toString(), body.get("symbol").asText());
        assertEquals(100, body.get("best_bid").asDouble());
        assertEquals(101, body.get("best_ask").asDouble());
        assertEquals(100.5, body.get("mid").asDouble());
        JsonNode b15 = body.get("bands").get(0);
        assertEquals(1.5, b15.get("depth").asDouble());
        assertEquals(4, b15.get("bid_volume").asDouble(), 1e-9);
        assertEquals(3, b15.get("ask_volume").asDouble(), 1e-9);
        assertEquals(396.5, b15.get("bid_value_usd").asDouble(), 1e-9);
        assertEquals(1, b15.get("diff").asDouble(), 1e-9);
        assertEquals(100.0 / 7, b15.get("percentage").asDouble(), 1e-9);
        assertEquals(12, body.get("bands").get(5).get("bid_volume").asDouble(), 1e-9);

        // current state over HTTP, from the hot cache
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/depth/binance/futures?symbol=" + symbol)
                .then().statusCode(200).body("source", equalTo("cache")).body("best_bid", equalTo(100.0f))
                .body("bids", hasSize(9)).body("bands", hasSize(6)).body("spread", equalTo(1.0f)));
    }

    @Test
    void oneRowPerMinuteWhateverIsRedelivered() {
        UnifiedSymbol symbol = Books.uniqueSymbol();
        long m = futureMinute();
        String key = Books.routingKey("bybit", symbol);
        for (int i = 0; i < 3; i++) {
            bus.publish(key, Books.message("bybit", symbol, m + i * 1000, Books.reference(1 + i, m)));
        }
        // the same three again, as a redelivery after a crash or a broker restart would bring them: not counted again
        for (int i = 0; i < 3; i++) {
            bus.publish(key, Books.message("bybit", symbol, m + i * 1000, Books.reference(1 + i, m)));
        }
        bus.publish(key, Books.message("bybit", symbol, m + 60_000, Books.reference(1, m)));
        await().atMost(Duration.ofSeconds(15)).until(() -> TestDb.minuteRows("bybit", "futures", symbol.routingSymbol(), m) == 1);
        // and again after the minute closed: late, nothing changes
        for (int i = 0; i < 3; i++) {
            bus.publish(key, Books.message("bybit", symbol, m + i * 1000, Books.reference(1 + i, m)));
        }
        bus.publish(key, Books.message("bybit", symbol, m + 120_000, Books.reference(1, m)));
        await().atMost(Duration.ofSeconds(15)).until(() -> TestDb.minuteRows("bybit", "futures", symbol.routingSymbol(), m + 60_000) == 1);
        assertEquals(1, TestDb.minuteRows("bybit", "futures", symbol.routingSymbol(), m));
        assertEquals(3, TestDb.samples("bybit", "futures", symbol.routingSymbol(), m), "each book counted once");
        assertEquals(2, TestDb.rowsOf("bybit", "futures", symbol.routingSymbol()));

        // the minute over HTTP: the close is the last book (scale 3: 5 % bid value 3 × 782.5)
        given().queryParam("exchange", "bybit").queryParam("marketType", "FUTURES").queryParam("symbol", symbol.routingSymbol())
                .queryParam("depth", "5").queryParam("type", "bid").queryParam("from", m).queryParam("to", m + 60_000)
                .get("/api/chart-data").then().statusCode(200).body("count", equalTo(2)).body("source", equalTo("cache"))
                .body("data[0].time", equalTo((int) (m / 1000))).body("data[0].value", equalTo(2347.5f));
        // a range reaching beyond the hot window is read from PostgreSQL, with the same points
        given().queryParam("exchange", "bybit").queryParam("marketType", "futures").queryParam("symbol", symbol.routingSymbol())
                .queryParam("depth", "5").queryParam("type", "bid").queryParam("from", m - 3 * 3_600_000L).queryParam("to", m + 60_000)
                .get("/api/chart-data").then().statusCode(200).body("count", equalTo(2)).body("source", equalTo("database"))
                .body("data[0].value", equalTo(2347.5f)).body("data[1].time", equalTo((int) ((m + 60_000) / 1000)));
        given().queryParam("exchange", "bybit").queryParam("marketType", "futures").queryParam("symbol", symbol.toString())
                .queryParam("from", m).queryParam("to", m + 1).queryParam("depth", "1.5").get("/api/snapshots").then()
                .statusCode(200).body("count", equalTo(1)).body("data[0].bid_volume", equalTo(12.0f))
                .body("data[0].samples", equalTo(3)).body("data[0].avg_bid_value_usd", equalTo(793.0f));
        String csv = given().queryParam("exchange", "bybit").queryParam("marketType", "futures").queryParam("symbol",
                symbol.routingSymbol()).queryParam("depth", "5").queryParam("from", m).queryParam("to", m + 60_000)
                .queryParam("format", "csv").get("/api/chart-data").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertEquals("time,iso_time,bid_value_usd,ask_value_usd", csv.lines().findFirst().orElseThrow());
        assertEquals(3, csv.lines().count());

        given().queryParam("exchange", "bybit").queryParam("marketType", "futures").queryParam("symbol", symbol.routingSymbol())
                .get("/api/analytics/stats").then().statusCode(200).body("total_minutes", equalTo(2))
                .body("total_snapshots", equalTo(12)).body("days_available", equalTo(1));
    }

    @Test
    void anOpenMinuteIsCheckpointedAsTheStateTheNextStartReads() throws Exception {
        UnifiedSymbol symbol = Books.uniqueSymbol();
        long m = futureMinute();
        String key = Books.routingKey("gateio", symbol);
        for (int i = 0; i < 3; i++) {
            bus.publish(key, Books.message("gateio", symbol, m + i * 1000, Books.reference(1 + i, m)));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> TestDb.intQuery("SELECT coalesce(max((state->>'samples')::int), -1) "
                + "FROM orderbook.open_minutes WHERE exchange = 'gateio' AND market = 'futures' AND symbol = ?",
                symbol.routingSymbol()) == 3);
        assertEquals(1, TestDb.intQuery("SELECT count(*) FROM orderbook.open_minutes WHERE symbol = ? "
                + "AND jsonb_typeof(state) = 'object'", symbol.routingSymbol()), "stored as a JSON object, not a string");
        io.marketdata.orderbook.history.OpenMinute restored = store.loadOpen().stream()
                .filter(o -> o.series.symbol().equals(symbol.routingSymbol())).findFirst().orElseThrow();
        assertEquals(m, restored.minuteMs);
        assertEquals(3, restored.samples);
    }

    @Test
    void aMinuteRebuiltFromFewerBooksNeverReplacesTheStoredOne() throws Exception {
        UnifiedSymbol symbol = Books.uniqueSymbol();
        long m = futureMinute();
        String key = Books.routingKey("bybit", symbol);
        for (int i = 0; i < 3; i++) {
            bus.publish(key, Books.message("bybit", symbol, m + i * 1000, Books.reference(1 + i, m)));
        }
        bus.publish(key, Books.message("bybit", symbol, m + 60_000, Books.reference(1, m)));
        await().atMost(Duration.ofSeconds(15)).until(() -> TestDb.minuteRows("bybit", "futures", symbol.routingSymbol(), m) == 1);
        // what a restart that lost the closed mark would write for one redelivered book of that minute
        io.marketdata.orderbook.history.SeriesKey series = new io.marketdata.orderbook.history.SeriesKey("bybit", "futures",
                symbol.routingSymbol(), symbol.toString());
        double[] zeros = new double[io.marketdata.orderbook.bands.Depths.COUNT];
        store.write(new io.marketdata.orderbook.history.Checkpoint(List.of(new io.marketdata.orderbook.history.MinutePoint(
                series, m, 1, 1, zeros, zeros, zeros, zeros, zeros, zeros)), List.of(), List.of(), 0, null, 1));
        assertEquals(3, TestDb.samples("bybit", "futures", symbol.routingSymbol(), m), "the full minute stays");
    }

    @Test
    void rollUpsAggregateTheMinuteCloses() throws Exception {
        UnifiedSymbol symbol = Books.uniqueSymbol();
        long hour = (futureMinute() / 3_600_000 + 1) * 3_600_000;
        String key = Books.routingKey("gateio", symbol);
        bus.publish(key, Books.message("gateio", symbol, hour, Books.reference(1, hour)));
        bus.publish(key, Books.message("gateio", symbol, hour + 60_000, Books.reference(3, hour)));
        bus.publish(key, Books.message("gateio", symbol, hour + 120_000, Books.reference(1, hour)));
        await().atMost(Duration.ofSeconds(15)).until(() -> TestDb.rowsOf("gateio", "futures", symbol.routingSymbol()) == 2);
        maintenance.rollUp();
        given().queryParam("exchange", "gateio").queryParam("marketType", "futures").queryParam("symbol", symbol.routingSymbol())
                .queryParam("depth", "5").queryParam("interval", "1h").queryParam("from", hour).queryParam("to", hour + 1)
                .get("/api/analytics/history").then().statusCode(200).body("count", equalTo(1))
                .body("data[0].count", equalTo(2)).body("data[0].avg_bid_value_usd", equalTo(1565.0f))
                .body("data[0].min_bid_value_usd", equalTo(782.5f)).body("data[0].max_bid_value_usd", equalTo(2347.5f));
        long day = hour / 86_400_000 * 86_400_000;
        given().queryParam("exchange", "gateio").queryParam("marketType", "futures").queryParam("symbol", symbol.routingSymbol())
                .queryParam("depth", "5").queryParam("interval", "1d").queryParam("from", day).queryParam("to", day + 1)
                .get("/api/analytics/history").then().statusCode(200).body("count", equalTo(1))
                .body("data[0].count", equalTo(2)).body("data[0].avg_bid_value_usd", equalTo(1565.0f));
    }

    @Test
    void poisonMessagesGoToTheDeadLetterQueueWithTheirReasonAndTheConsumerGoesOn() throws Exception {
        String dlq = Topology.deadLetterQueue(config.consumer().queue());
        bus.purge(dlq);
        UnifiedSymbol symbol = Books.uniqueSymbol();
        BlockingQueue<TestBus.Received> depth = bus.subscribe(Topology.ANALYTICS_EXCHANGE,
                "depth.htx.futures." + symbol.routingSymbol());
        bus.publish("futures.htx." + symbol.routingSymbol(), "this is not JSON".getBytes(StandardCharsets.UTF_8));
        byte[] wrongSchema = Books.message("htx", symbol, 1_000_000L, Books.reference(1, 1_000_000L)); // seconds, not ms
        bus.publish("futures.htx." + symbol.routingSymbol(), wrongSchema);
        bus.publish(Books.routingKey("htx", symbol), Books.message("htx", symbol, futureMinute(), Books.reference(1, futureMinute())));

        GetResponse first = bus.get(dlq, Duration.ofSeconds(10));
        GetResponse second = bus.get(dlq, Duration.ofSeconds(10));
        assertNotNull(first);
        assertNotNull(second);
        assertEquals("this is not JSON", new String(first.getBody(), StandardCharsets.UTF_8));
        assertTrue(first.getProps().getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER).toString().startsWith("not valid JSON"));
        assertTrue(second.getProps().getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER).toString().contains("timestamp"));
        assertEquals("futures.htx." + symbol.routingSymbol(), second.getProps().getHeaders().get("x-original-routing-key").toString());
        assertNotNull(TestBus.await(depth, x -> true, Duration.ofSeconds(10)), "the valid message after them is processed");
        assertTrue(registry.get("orderbook_dead_lettered_total").counter().count() >= 2);
    }

    @Test
    void crossedAndEmptyBooksAreDeadLetteredAndCountedByReason() {
        UnifiedSymbol symbol = Books.uniqueSymbol();
        BlockingQueue<TestBus.Received> depth = bus.subscribe(Topology.ANALYTICS_EXCHANGE,
                "depth.bitget.futures." + symbol.routingSymbol());
        double crossedBefore = registry.get("orderbook_books_rejected_total").tag("reason", "crossed").counter().count();
        double emptyBefore = registry.get("orderbook_books_rejected_total").tag("reason", "empty").counter().count();
        long t = futureMinute();
        bus.publish(Books.routingKey("bitget", symbol), Books.message("bitget", symbol, t,
                new OrderBook(new double[][] {{102, 1}}, new double[][] {{101, 1}}, t)));
        bus.publish(Books.routingKey("bitget", symbol), Books.message("bitget", symbol, t,
                new OrderBook(new double[][] {{100, 1}}, new double[][] {}, t)));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                registry.get("orderbook_books_rejected_total").tag("reason", "crossed").counter().count() == crossedBefore + 1
                        && registry.get("orderbook_books_rejected_total").tag("reason", "empty").counter().count() == emptyBefore + 1);
        assertNull(TestBus.await(depth, x -> true, Duration.ofSeconds(2)), "nothing published for rejected books");
        // dead-lettered (confirmed) before anything else may acknowledge them
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.unconfirmedDeadLetters() == 0);
        given().get("/api/depth/bitget/futures?symbol=" + symbol.routingSymbol()).then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void indicesArePublishedLiveAndStoredPerMinute() throws Exception {
        BlockingQueue<TestBus.Received> live = bus.subscribe(Topology.ANALYTICS_EXCHANGE, "index.TOTAL2");
        // a minute no other test writes to: the stored index must be exactly these two books
        long m = (System.currentTimeMillis() / 60_000 + 200) * 60_000;
        UnifiedSymbol a = Books.uniqueSymbol();
        UnifiedSymbol b = Books.uniqueSymbol();
        bus.publish(Books.routingKey("binance", a), Books.message("binance", a, m, Books.reference(1, m)));
        bus.publish(Books.routingKey("bybit", b), Books.message("bybit", b, m, Books.reference(2, m)));
        bus.publish(Books.routingKey("binance", a), Books.message("binance", a, m + 60_000, Books.reference(1, m)));
        bus.publish(Books.routingKey("bybit", b), Books.message("bybit", b, m + 60_000, Books.reference(1, m)));

        TestBus.Received r = TestBus.await(live, x -> symbolCount(x) >= 2, Duration.ofSeconds(10));
        assertNotNull(r, "no live index.TOTAL2 summing our two books");
        assertTrue(SchemaValidator.get().validate(MessageType.INDEX_UPDATE, r.body()).isEmpty());

        await().atMost(Duration.ofSeconds(15)).until(() -> TestDb.minuteRows("bybit", "futures", b.routingSymbol(), m) == 1);
        indices.computeDue(m + 120_000);
        // 5 % bid value: 782.5 (scale 1) + 1565 (scale 2); neither asset is BTC or ETH, and two assets are all "ten largest"
        given().queryParam("market", "futures").queryParam("depth", "5").queryParam("from", m).queryParam("to", m)
                .get("/api/indices/TOTAL").then().statusCode(200).body("count", equalTo(1))
                .body("data[0].bid_value_usd", equalTo(2347.5f)).body("data[0].symbol_count", equalTo(2));
        given().queryParam("market", "futures").queryParam("depth", "5").queryParam("from", m).queryParam("to", m)
                .get("/api/indices/TOTAL2").then().statusCode(200).body("data[0].bid_value_usd", equalTo(2347.5f));
        given().queryParam("market", "futures").queryParam("depth", "5").queryParam("from", m).queryParam("to", m)
                .get("/api/indices/OTHERS").then().statusCode(200).body("data[0].bid_value_usd", equalTo(0.0f))
                .body("data[0].symbol_count", equalTo(0));
        given().get("/api/indices").then().statusCode(200).body("name", hasItem("TOTAL2"));
    }

    @Test
    void retentionDropsWholeDaysOlderThanSixtyDaysAndKeepsTheRest() throws Exception {
        long now = System.currentTimeMillis();
        long day = 86_400_000L;
        SeriesKey series = new SeriesKey("htx", "futures",
                Books.uniqueSymbol().routingSymbol(), "X/USDT:USDT");
        long old = (now - 70 * day) / 60_000 * 60_000;
        long kept = (now - 59 * day) / 60_000 * 60_000;
        store.write(new Checkpoint(List.of(
                MinutePoint.index(series, old, 1, new double[6], new double[6]),
                MinutePoint.index(series, kept, 1, new double[6], new double[6])),
                List.of(), List.of(), 0, null, 0));
        assertEquals(2, TestDb.rowsOf("htx", "futures", series.symbol()));
        List<String> dropped = maintenance.applyRetention(now);
        String oldDay = Instant.ofEpochMilli(old).atZone(ZoneOffset.UTC).toLocalDate()
                .format(DateTimeFormatter.BASIC_ISO_DATE);
        assertTrue(dropped.contains("minute_bands_p" + oldDay), dropped.toString());
        assertEquals(1, TestDb.rowsOf("htx", "futures", series.symbol()), "the 59-day-old minute stays");
        assertEquals(1, TestDb.minuteRows("htx", "futures", series.symbol(), kept));
    }

    private static int symbolCount(TestBus.Received r) {
        try {
            return Json.MAPPER.readTree(r.body()).get("symbol_count").asInt();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void badQueriesAreAnswered400WithTheField() {
        given().get("/api/chart-data?marketType=futures&symbol=BTCUSDT&depth=4").then().statusCode(400)
                .body("field", equalTo("depth")).body("error", equalTo("bad_request"));
        given().get("/api/chart-data?marketType=futures&symbol=BTC-USDT!&depth=5").then().statusCode(400).body("field", equalTo("symbol"));
        given().get("/api/chart-data?marketType=options&symbol=BTCUSDT&depth=5").then().statusCode(400).body("field", equalTo("marketType"));
        given().get("/api/chart-data?marketType=futures&symbol=BTCUSDT&depth=5&from=1700000600000&to=1700000000000").then()
                .statusCode(400).body("field", equalTo("from"));
        given().get("/api/chart-data?marketType=futures&symbol=BTCUSDT&depth=5&from=yesterday").then().statusCode(400)
                .body("field", equalTo("from"));
        given().get("/api/chart-data?marketType=futures&symbol=BTCUSDT&depth=5&from=1500000000000&to=1700000000000").then()
                .statusCode(400).body("message", containsString("range longer"));
        given().get("/api/analytics/history?marketType=futures&symbol=BTCUSDT&depth=5&interval=1w").then().statusCode(400)
                .body("field", equalTo("interval"));
        given().get("/api/depth/kraken/futures?symbol=BTCUSDT").then().statusCode(400).body("field", equalTo("exchange"));
        given().get("/api/indices/TOTAL3").then().statusCode(400).body("field", equalTo("name"));
        given().get("/api/chart-data?marketType=futures&symbol=BTCUSDT&depth=5&format=xml").then().statusCode(400);
    }
}
