package io.marketdata.orderbook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.GetResponse;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.market.OrderBook;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.consume.BookConsumer;
import io.marketdata.orderbook.history.MinuteColumns;
import io.marketdata.orderbook.indices.IndexHistory;
import io.marketdata.orderbook.support.Books;
import io.marketdata.orderbook.support.TestBus;
import io.marketdata.orderbook.support.TestDb;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: bad books are never lost (every one is in the DLQ with its reason, none acknowledged
 * before its dead letter was confirmed), and values that are valid JSON but implausible never reach
 * a sum, a row, a partition, an index or an API answer. Counts come from the broker and the database.
 */
@QuarkusTest
class BadInputTest {

    private static final long YEAR_2100 = 4_102_444_800_000L;
    private static final long JULY_2017 = 1_500_000_000_000L; // 2017-07-14T02:40Z
    private static TestBus bus;

    @Inject
    OrderbookConfig config;
    @Inject
    BookConsumer consumer;
    @Inject
    MeterRegistry registry;
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

    /** Nothing of an earlier test still in flight: its dead letters must not land after our purge. */
    @BeforeEach
    void quiet() {
        await().atMost(Duration.ofSeconds(30)).until(consumer::consuming);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                TestInfraQueues.unsettled(config.consumer().queue()) == 0 && consumer.unconfirmedDeadLetters() == 0);
    }

    private static byte[] book(String exchange, UnifiedSymbol symbol, long timestamp, double[][] bids, double[][] asks) {
        return Books.message(exchange, symbol, timestamp, new OrderBook(bids, asks, timestamp));
    }

    private static double[][] levels(double... priceSize) {
        double[][] out = new double[priceSize.length / 2][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[] {priceSize[2 * i], priceSize[2 * i + 1]};
        }
        return out;
    }

    @Test
    void tenThousandInvalidMessagesAllReachTheDeadLetterQueueWithAReasonAndAValidBookAfterThemIsProcessed() throws Exception {
        String queue = config.consumer().queue();
        String dlq = Topology.deadLetterQueue(queue);
        bus.purge(dlq);
        double confirmedBefore = registry.get("orderbook_dead_lettered_total").counter().count();
        UnifiedSymbol symbol = Books.uniqueSymbol();
        String key = Books.routingKey("binance", symbol);
        long now = System.currentTimeMillis();
        ObjectNode seconds = (ObjectNode) Json.MAPPER.readTree(Books.message("binance", symbol, now, Books.reference(1, now)));
        seconds.put("timestamp", now / 1000);
        byte[] inSeconds = Json.MAPPER.writeValueAsBytes(seconds);
        List<IntFunction<byte[]>> kinds = List.of(
                i -> ("not JSON " + i).getBytes(StandardCharsets.UTF_8),
                i -> inSeconds,
                i -> book("binance", symbol, now, levels(102, 1), levels(101, 1)), // crossed
                i -> book("binance", symbol, now, levels(100, 1), levels()), // empty side
                i -> book("binance", symbol, now, levels(99, 1, 100, 1), levels(101, 1)), // unsorted
                i -> book("binance", symbol, now, levels(100, 1e308), levels(101, 1)), // size bound
                i -> book("binance", symbol, now, levels(100, 1), levels(2e9, 1)), // price bound
                i -> book("binance", symbol, now, levels(1e6, 1e10), levels(1.1e6, 1)), // notional bound
                i -> book("binance", symbol, YEAR_2100, levels(100, 1), levels(101, 1)),
                i -> book("binance", symbol, JULY_2017, levels(100, 1), levels(101, 1)));
        List<byte[]> bodies = new ArrayList<>(10_000);
        for (int i = 0; i < 10_000; i++) {
            bodies.add(kinds.get(i % kinds.size()).apply(i));
        }
        bus.publishAll(key, bodies);
        // then one valid book, of a minute already over: the clock closes it at once
        long minute = (now / 60_000 - 2) * 60_000;
        bus.publish(key, Books.message("binance", symbol, minute + 1_000, Books.reference(1, minute + 1_000)));

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() ->
                TestDb.minuteRows("binance", "futures", symbol.routingSymbol(), minute) == 1
                        && bus.messageCount(dlq) == 10_000 && TestInfraQueues.unsettled(queue) == 0);

        Map<String, Integer> reasons = new HashMap<>();
        int taken = 0;
        GetResponse r;
        while ((r = bus.get(dlq, Duration.ofSeconds(2))) != null) {
            taken++;
            Object reason = r.getProps().getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER);
            assertNotNull(reason, "dead letter without a reason");
            assertEquals(key, r.getProps().getHeaders().get(Topology.ORIGINAL_ROUTING_KEY_HEADER).toString());
            assertEquals(queue, r.getProps().getHeaders().get(Topology.ORIGINAL_QUEUE_HEADER).toString());
            assertNotNull(r.getProps().getMessageId(), "the original message id is kept");
            String text = reason.toString();
            reasons.merge(text.contains("not valid JSON") ? "json"
                    : text.contains("epoch milliseconds") ? "seconds"
                    : text.contains("crossed") ? "crossed"
                    : text.contains("no asks") ? "empty"
                    : text.contains("descending") ? "unsorted"
                    : text.contains("price ×") ? "notional"
                    : text.contains(" size: ") ? "size"
                    : text.contains("exceeds 1.0E9") ? "price"
                    : text.contains("after now") ? "future"
                    : text.contains("before now") ? "past" : text, 1, Integer::sum);
        }
        assertEquals(10_000, taken, "every invalid message is in the DLQ, once");
        assertEquals(10, reasons.size(), reasons.toString());
        reasons.values().forEach(n -> assertEquals(1_000, n, reasons.toString()));
        assertEquals(10_000, registry.get("orderbook_dead_lettered_total").counter().count() - confirmedBefore);
        assertEquals(1, TestDb.samples("binance", "futures", symbol.routingSymbol(), minute), "the valid book was processed");
    }

    /** True when every value column of the series' rows is a finite number (NaN and ±Infinity fail {@code < 'Infinity'}). */
    private static int nonFiniteRows(String symbol) {
        StringBuilder where = new StringBuilder("NOT (m.mid < 'Infinity'::float8 AND m.mid > '-Infinity'::float8");
        for (String column : MinuteColumns.VALUE_COLUMNS.split(", ")) {
            where.append(" AND m.").append(column).append(" < 'Infinity'::float8 AND m.").append(column)
                    .append(" > '-Infinity'::float8");
        }
        where.append(')');
        return TestDb.intQuery("SELECT count(*) FROM orderbook.minute_bands m JOIN orderbook.series s ON s.id = m.series_id "
                + "WHERE s.symbol = ? AND " + where, symbol);
    }

    @Test
    void sizesOf1e308AndBooksOf2100Or2017NeverReachTheApiRowsPartitionsOrIndices() throws Exception {
        TestDb.execute("DROP TABLE IF EXISTS orderbook.minute_bands_p20170714");
        TestDb.execute("DROP TABLE IF EXISTS orderbook.minute_bands_p21000101");
        double futureBefore = registry.get("orderbook_books_rejected_total").tag("reason", "in_future").counter().count();
        double pastBefore = registry.get("orderbook_books_rejected_total").tag("reason", "too_old").counter().count();
        double sizeBefore = registry.get("orderbook_books_rejected_total").tag("reason", "size_bound").counter().count();
        UnifiedSymbol symbol = Books.uniqueSymbol();
        String key = Books.routingKey("gateio", symbol);
        long m = (System.currentTimeMillis() / 60_000 + 10) * 60_000;
        bus.publish(key, Books.message("gateio", symbol, m + 1_000, Books.reference(1, m + 1_000)));
        bus.publish(key, book("gateio", symbol, m + 2_000, levels(100, 1e308, 99, 1), levels(101, 1)));
        bus.publish(key, Books.message("gateio", symbol, YEAR_2100, Books.reference(1, YEAR_2100)));
        bus.publish(key, Books.message("gateio", symbol, JULY_2017, Books.reference(1, JULY_2017)));
        bus.publish(key, Books.message("gateio", symbol, m + 3_000, Books.reference(3, m + 3_000)));
        // the series is not frozen by the 2100 book: the next minutes open and close as usual
        bus.publish(key, Books.message("gateio", symbol, m + 60_000, Books.reference(1, m + 60_000)));
        bus.publish(key, Books.message("gateio", symbol, m + 120_000, Books.reference(2, m + 120_000)));

        await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.minuteRows("gateio", "futures", symbol.routingSymbol(), m + 60_000) == 1);
        assertEquals(2, TestDb.samples("gateio", "futures", symbol.routingSymbol(), m), "the two valid books of the minute");
        assertEquals(3 * 782.5, TestDb.doubleQuery("SELECT m.bid_usd_5 FROM orderbook.minute_bands m JOIN orderbook.series s "
                + "ON s.id = m.series_id WHERE s.symbol = ? AND m.ts = ?", symbol.routingSymbol(), new java.sql.Timestamp(m)), 1e-9,
                "stored exactly, no float rounding");
        assertEquals(0, nonFiniteRows(symbol.routingSymbol()));
        assertEquals(0, TestDb.intQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'orderbook' "
                + "AND tablename IN ('minute_bands_p20170714', 'minute_bands_p21000101')"), "no partition for 2017 or 2100");
        assertEquals(futureBefore + 1, registry.get("orderbook_books_rejected_total").tag("reason", "in_future").counter().count());
        assertEquals(pastBefore + 1, registry.get("orderbook_books_rejected_total").tag("reason", "too_old").counter().count());
        assertEquals(sizeBefore + 1, registry.get("orderbook_books_rejected_total").tag("reason", "size_bound").counter().count());

        // the API: the latest book is the last valid one, and nothing anywhere is Infinity or NaN
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String depth = given().get("/api/depth/gateio/futures?symbol=" + symbol.routingSymbol()).then().statusCode(200)
                    .extract().asString();
            JsonNode d = Json.MAPPER.readTree(depth);
            assertEquals(m + 120_000, d.get("timestamp").asLong());
            assertFinite(depth);
        });
        assertFinite(given().queryParam("exchange", "gateio").queryParam("marketType", "futures")
                .queryParam("symbol", symbol.routingSymbol()).queryParam("from", m).queryParam("to", m + 60_000)
                .get("/api/snapshots").then().statusCode(200).extract().asString());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertFinite(given().get("/api/indices").then().statusCode(200).extract().asString()));
        indices.computeDue(m + 180_000);
        for (String name : List.of("TOTAL", "TOTAL2")) {
            String stored = given().queryParam("market", "futures").queryParam("depth", "5").queryParam("from", m)
                    .queryParam("to", m).get("/api/indices/" + name).then().statusCode(200).extract().asString();
            assertFinite(stored);
            JsonNode point = Json.MAPPER.readTree(stored).get("data").get(0);
            assertTrue(point.get("bid_value_usd").asDouble() >= 3 * 782.5, stored);
        }
    }

    private static void assertFinite(String json) {
        assertFalse(json.contains("Infinity") || json.contains("NaN"), json);
    }
}
