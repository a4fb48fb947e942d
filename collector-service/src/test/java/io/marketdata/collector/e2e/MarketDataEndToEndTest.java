package io.marketdata.collector.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.support.CollectorTestResource;
import io.marketdata.collector.support.Emulator;
import io.marketdata.collector.support.TestBus;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Collector + emulator over the real broker: a queue bound to {@code futures.#} (and
 * {@code spot.#}) receives schema-valid messages from every exchange, whose best prices and
 * levels equal the emulator's book converted to base units.
 */
@QuarkusTest
@QuarkusTestResource(value = CollectorTestResource.class, restrictToAnnotatedClass = false)
class MarketDataEndToEndTest {

    private static final Map<String, String> VENUE_OF = Map.of(
            "futures.binance", "binance", "futures.bybit", "bybit", "futures.bitget", "bitget",
            "futures.htx", "htx", "futures.gateio", "gateio", "spot.binance", "binance-spot");
    private static TestBus bus;

    @BeforeAll
    static void freezeMarket() throws InterruptedException {
        bus = new TestBus();
        Emulator.get().freeze();
        Thread.sleep(2_500); // let cycles that straddled the freeze finish (interval is 1 s in tests)
    }

    @AfterAll
    static void resumeMarket() {
        Emulator.get().resume();
        bus.close();
    }

    @Test
    void everyExchangePublishesSchemaValidMessagesMatchingTheEmulatorBook() throws Exception {
        TestBus.Subscription sub = bus.subscribe(Topology.MARKET_DATA_EXCHANGE, "futures.#", "spot.#");
        Map<String, TestBus.Received> btcByVenue = new HashMap<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (btcByVenue.size() < VENUE_OF.size() && System.currentTimeMillis() < deadline) {
            TestBus.Received message = sub.await(m -> true, Duration.ofSeconds(20));
            List<String> violations = SchemaValidator.get().validate(MessageType.MARKET_DATA, message.body());
            assertEquals(List.of(), violations, "schema violations in " + message.routingKey());
            if (message.routingKey().endsWith(".BTCUSDT")) {
                String prefix = message.routingKey().substring(0, message.routingKey().lastIndexOf('.'));
                btcByVenue.putIfAbsent(VENUE_OF.get(prefix), message);
            }
        }
        assertEquals(VENUE_OF.size(), btcByVenue.size(), "venues seen: " + btcByVenue.keySet());

        for (Map.Entry<String, TestBus.Received> entry : btcByVenue.entrySet()) {
            String venue = entry.getKey();
            TestBus.Received message = entry.getValue();
            JsonNode body = Json.MAPPER.readTree(message.body());
            JsonNode book = Emulator.get().book(venue, "BTCUSDT");
            String where = venue + ": ";

            assertEquals(venue.startsWith("binance") ? "binance" : venue, body.get("exchange").asText());
            assertEquals(venue.endsWith("spot") ? "BTC/USDT" : "BTC/USDT:USDT", body.get("symbol").asText());
            assertEquals(book.get("best_bid").asDouble(), body.at("/ticker/bid").asDouble(), 1e-9, where + "best bid");
            assertEquals(book.get("best_ask").asDouble(), body.at("/ticker/ask").asDouble(), 1e-9, where + "best ask");
            assertLevelsEqual(where + "bids", book.get("bids"), body.at("/orderbook/bids"));
            assertLevelsEqual(where + "asks", book.get("asks"), body.at("/orderbook/asks"));
            // Binance's 24 h ticker is the heaviest call (weight 40/80), so it is refreshed once a minute:
            // its last price may be up to a minute old; every other venue's is from this cycle.
            double lastTolerance = venue.startsWith("binance") ? book.get("last").asDouble() * 0.02 : 1e-9;
            assertEquals(book.get("last").asDouble(), body.at("/ticker/last").asDouble(), lastTolerance, where + "last");
            if (venue.endsWith("spot")) {
                assertTrue(body.get("funding_rate").isNull(), where + "spot has no funding");
                assertTrue(body.get("mark_price").isNull(), where + "spot has no mark price");
            } else {
                assertEquals(book.get("funding_rate").asDouble(), body.get("funding_rate").asDouble(), 1e-12,
                        where + "funding rate");
                assertEquals(book.get("next_funding_time").asLong(), body.get("next_funding_time").asLong(),
                        where + "next funding time (ms)");
                assertEquals(book.get("mark_price").asDouble(), body.get("mark_price").asDouble(), 1e-9, where + "mark");
            }
            assertTrue(body.at("/orderbook/timestamp").asLong() > 1_600_000_000_000L, where + "book time in ms");

            // AMQP properties every message carries (SPEC §4)
            assertNotNull(message.properties().getMessageId(), where + "message_id");
            assertNotNull(message.properties().getCorrelationId(), where + "correlation_id");
            assertNotNull(message.properties().getTimestamp(), where + "timestamp");
            assertEquals(2, message.properties().getDeliveryMode(), where + "persistent");
            assertEquals("application/json", message.properties().getContentType());
            assertEquals("1", String.valueOf(message.properties().getHeaders().get("schema_version")));
        }
    }

    /** Every level the collector published equals the emulator's level at the same position. */
    private static void assertLevelsEqual(String what, JsonNode expected, JsonNode actual) {
        assertTrue(actual.size() > 0, what + " empty");
        assertTrue(actual.size() <= expected.size(), what + " deeper than the book");
        for (int i = 0; i < actual.size(); i++) {
            double price = expected.get(i).get(0).asDouble();
            double size = expected.get(i).get(1).asDouble();
            assertEquals(price, actual.get(i).get(0).asDouble(), 1e-9, what + " price at " + i);
            assertEquals(size, actual.get(i).get(1).asDouble(), Math.max(1e-12, size * 1e-12),
                    what + " base size at " + i);
        }
    }
}
