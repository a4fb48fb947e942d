package io.marketdata.orderbook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.orderbook.support.Books;
import io.marketdata.orderbook.support.JavaService;
import io.marketdata.orderbook.support.TestBus;
import io.marketdata.orderbook.support.TestDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged service as a process: SIGTERM in the middle of a minute, restart, and that minute is stored once. */
class OrderbookProcessIT {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final String QUEUE = "orderbook.market_data.it";

    static Map<String, String> environment() {
        return Map.of(
                "RABBITMQ_VIRTUAL_HOST", TestBus.VHOST,
                "QUARKUS_DATASOURCE_JDBC_URL", TestDb.URL,
                "QUARKUS_DATASOURCE_REACTIVE_URL", TestDb.REACTIVE_URL,
                "ORDERBOOK_CONSUMER_QUEUE", QUEUE,
                "ORDERBOOK_CACHE_KEY_PREFIX", "obit",
                "ORDERBOOK_CHECKPOINT_INTERVAL", "200ms",
                "ORDERBOOK_HISTORY_CLOSE_GRACE", "2s",
                // the test's minute lies ahead of the wall clock (see below), beyond the production window
                "ORDERBOOK_VALIDATION_MAX_FUTURE", "6h");
    }

    private static int openSamples(UnifiedSymbol symbol) {
        return TestDb.intQuery("SELECT coalesce(max((state->>'samples')::int), -1) FROM orderbook.open_minutes "
                + "WHERE exchange = 'binance' AND market = 'futures' AND symbol = ?", symbol.routingSymbol());
    }

    @Test
    void sigtermMidMinuteThenRestartStoresThatMinuteOnceWithEveryBook() throws Exception {
        UnifiedSymbol symbol = Books.uniqueSymbol();
        String key = Books.routingKey("binance", symbol);
        // a minute ahead of the wall clock: only books close it, never the timer, whatever the test's pace
        long minute = (System.currentTimeMillis() / 60_000 + 10) * 60_000;
        int port = JavaService.freePort();
        try (TestBus bus = new TestBus()) {
            try (JavaService first = new JavaService("orderbook-1", JAR, port, environment()).start(Duration.ofSeconds(60))) {
                for (int i = 0; i < 5; i++) {
                    bus.publish(key, Books.message("binance", symbol, minute + i * 1000, Books.reference(1, minute)));
                }
                await().atMost(Duration.ofSeconds(15)).until(() -> openSamples(symbol) == 5);
                first.terminate(Duration.ofSeconds(30));
                assertTrue(first.logText().contains("open minutes checkpointed for the next start"), "graceful stop logged");
            }
            assertEquals(0, TestDb.minuteRows("binance", "futures", symbol.routingSymbol(), minute), "the minute is not over yet");
            assertEquals(5, openSamples(symbol));

            // books keep coming while the service is down: the broker keeps them
            for (int i = 5; i < 8; i++) {
                bus.publish(key, Books.message("binance", symbol, minute + i * 1000, Books.reference(3, minute)));
            }
            try (JavaService second = new JavaService("orderbook-2", JAR, port, environment()).start(Duration.ofSeconds(60))) {
                bus.publish(key, Books.message("binance", symbol, minute + 60_000, Books.reference(1, minute)));
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> TestDb.minuteRows("binance", "futures", symbol.routingSymbol(), minute) == 1);
                assertEquals(8, TestDb.samples("binance", "futures", symbol.routingSymbol(), minute), "5 before + 3 after the restart");
                // close = the last book (scale 3); avg 5 % bid value = (5 × 782.5 + 3 × 2347.5) / 8
                assertEquals(2347.5, TestDb.doubleQuery("SELECT m.bid_usd_5 FROM orderbook.minute_bands m JOIN orderbook.series s "
                        + "ON s.id = m.series_id WHERE s.symbol = ? AND m.ts = ?", symbol.routingSymbol(), new java.sql.Timestamp(minute)), 0.01);
                assertEquals(1369.375, TestDb.doubleQuery("SELECT m.avg_bid_usd_5 FROM orderbook.minute_bands m JOIN orderbook.series s "
                        + "ON s.id = m.series_id WHERE s.symbol = ? AND m.ts = ?", symbol.routingSymbol(), new java.sql.Timestamp(minute)), 0.01);
                second.terminate(Duration.ofSeconds(30));
            }
        }
    }
}
