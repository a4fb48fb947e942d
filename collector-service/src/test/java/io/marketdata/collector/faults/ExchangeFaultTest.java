package io.marketdata.collector.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.collector.stats.CollectorStatistics;
import io.marketdata.collector.support.CollectorTestResource;
import io.marketdata.collector.support.Emulator;
import io.marketdata.collector.support.TestBus;
import io.marketdata.contracts.Topology;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One venue failing (500, 429 with Retry-After, garbage, slow) while the others keep publishing,
 * and the failing one recovering once the fault is lifted. Counts over a window, not timings: with
 * a 1 s interval and 2 symbols a healthy venue publishes about 2 messages per second.
 */
@QuarkusTest
@QuarkusTestResource(value = CollectorTestResource.class, restrictToAnnotatedClass = false)
class ExchangeFaultTest {

    private static final List<String> FUTURES = List.of("binance", "bybit", "bitget", "htx", "gateio");
    private static TestBus bus;

    @Inject
    CollectorStatistics statistics;

    @BeforeAll
    static void connect() {
        bus = new TestBus();
    }

    @AfterAll
    static void disconnect() {
        bus.close();
    }

    @AfterEach
    void liftFaults() {
        FUTURES.forEach(Emulator.get()::clearFault);
    }

    @ParameterizedTest(name = "{0} answering {1}")
    @CsvSource({"bybit,http500", "htx,http429", "gateio,malformed", "bitget,slow"})
    void otherExchangesKeepPublishingAndTheFaultyOneRecovers(String venue, String mode) {
        TestBus.Subscription sub = bus.subscribe(Topology.MARKET_DATA_EXCHANGE, "futures.#");
        long errorsBefore = statistics.loop(venue).errorCount();
        Emulator.get().fault(venue, mode, 2, 15_000);
        sub.collect(Duration.ofSeconds(2)); // messages from cycles that started before the fault
        Map<String, Long> during = countByExchange(sub.collect(Duration.ofSeconds(8)));

        for (String other : FUTURES) {
            if (!other.equals(venue)) {
                // 8 cycles × 2 symbols expected; demand half of it so a loaded machine still passes
                assertTrue(during.getOrDefault(other, 0L) >= 8, other + " kept publishing during the "
                        + venue + " fault: " + during);
            }
        }
        assertEquals(0L, during.getOrDefault(venue, 0L), venue + " must publish nothing while faulty: " + during);
        if (!mode.equals("slow")) {
            assertTrue(statistics.loop(venue).errorCount() > errorsBefore, "errors counted for " + venue);
        }

        Emulator.get().clearFault(venue);
        TestBus.Received recovered = sub.await(m -> m.routingKey().startsWith("futures." + venue + "."),
                Duration.ofSeconds(40));
        assertTrue(recovered.routingKey().startsWith("futures." + venue + "."));
    }

    @Test
    void rateLimitedVenueIsNotCalledDuringRetryAfter() throws Exception {
        Emulator.get().fault("bybit", "http429", 30, 0); // longer than max-retry-after-wait (3 s in tests)
        Thread.sleep(2_000); // the next cycle hits the 429 and blocks the venue for 30 s
        long before = bybitRequests();
        Thread.sleep(4_000); // four cycle starts that must all be skipped without a request
        long after = bybitRequests();
        assertEquals(before, after, "requests sent to bybit while it asked us to wait");
        assertTrue(Emulator.get().stats().at("/venues/bybit/statuses/429").asLong() >= 1, "the 429 was answered");
        assertTrue(statistics.loop("bybit").lastError().contains("rate limited"), statistics.loop("bybit").lastError());
    }

    private static long bybitRequests() {
        return Emulator.get().stats().at("/venues/bybit/total").asLong();
    }

    private static Map<String, Long> countByExchange(List<TestBus.Received> messages) {
        return messages.stream().collect(Collectors.groupingBy(m -> m.routingKey().split("\\.")[1], Collectors.counting()));
    }
}
