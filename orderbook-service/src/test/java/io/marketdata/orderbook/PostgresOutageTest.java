package io.marketdata.orderbook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.contracts.Topology;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.consume.BookConsumer;
import io.marketdata.orderbook.consume.CheckpointWriter;
import io.marketdata.orderbook.support.Books;
import io.marketdata.orderbook.support.TestBus;
import io.marketdata.orderbook.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PostgreSQL away for 30 s while books keep arriving: nothing acknowledged is lost, all of it is written after. */
@QuarkusTest
class PostgresOutageTest {

    @Inject
    CheckpointWriter writer;
    @Inject
    OrderbookConfig config;
    @Inject
    BookConsumer consumer;

    /** The consumer attaches in the background; publishing before its queue exists would lose messages. */
    @BeforeEach
    void attached() {
        await().atMost(Duration.ofSeconds(30)).until(consumer::consuming);
    }

    @AfterEach
    void restore() {
        TestDb.setAvailable(true);
    }

    @Test
    void minutesHandledDuringAnOutageAreWrittenOnceItEnds() throws Exception {
        UnifiedSymbol symbol = Books.uniqueSymbol();
        String key = Books.routingKey("binance", symbol);
        long m = (System.currentTimeMillis() / 60_000 + 10) * 60_000;
        try (TestBus bus = new TestBus()) {
            bus.publish(key, Books.message("binance", symbol, m, Books.reference(1, m)));
            bus.publish(key, Books.message("binance", symbol, m + 60_000, Books.reference(1, m)));
            await().atMost(Duration.ofSeconds(15)).until(() -> TestDb.minuteRows("binance", "futures", symbol.routingSymbol(), m) == 1);

            TestDb.setAvailable(false);
            long outageStart = System.nanoTime();
            // five more minutes of books while the database is gone; each one newer than the book that closed minute m
            // (a book no newer than the last one counted in its minute is a redelivery and ignored)
            for (int i = 1; i <= 5; i++) {
                for (int s = 0; s < 4; s++) {
                    bus.publish(key, Books.message("binance", symbol, m + i * 60_000L + (s + 1) * 1000, Books.reference(1 + s, m)));
                }
            }
            bus.publish(key, Books.message("binance", symbol, m + 6 * 60_000L, Books.reference(1, m)));
            await().atMost(Duration.ofSeconds(20)).until(writer::failing);
            long unacked = Long.MAX_VALUE;
            while (System.nanoTime() - outageStart < Duration.ofSeconds(30).toNanos()) {
                Thread.sleep(1_000);
                // the messages stay unacknowledged (in the broker's care) for as long as the outage lasts
                unacked = TestInfraQueues.unsettled(config.consumer().queue());
            }
            assertTrue(unacked > 0, "deliveries must stay unacknowledged during the outage");
            TestDb.setAvailable(true);

            await().atMost(Duration.ofSeconds(30)).until(() -> !writer.failing()
                    && TestDb.rowsOf("binance", "futures", symbol.routingSymbol()) == 6);
            for (int i = 1; i <= 5; i++) {
                assertEquals(1, TestDb.minuteRows("binance", "futures", symbol.routingSymbol(), m + i * 60_000L));
                // minute m+1 also holds the book that closed minute m before the outage
                assertEquals(i == 1 ? 5 : 4, TestDb.samples("binance", "futures", symbol.routingSymbol(), m + i * 60_000L));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> TestInfraQueues.unsettled(config.consumer().queue()) == 0);
        }
    }
}
