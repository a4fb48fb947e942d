package io.marketdata.collector.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.exchange.binance.live.LiveBookFeeds;
import io.marketdata.collector.support.CollectorTestResource;
import io.marketdata.collector.support.TestBus;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.Topology;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Streams that cannot be reached (nothing listens on the configured port): every Binance book is
 * polled over REST instead, and the wellness check calls both Binance feeds degraded, naming the
 * symbols and the reason.
 */
@QuarkusTest
@TestProfile(LiveBooksFallbackTest.UnreachableStreams.class)
@QuarkusTestResource(value = CollectorTestResource.class, restrictToAnnotatedClass = false)
class LiveBooksFallbackTest {

    /** Port 1 (tcpmux) has no listener: connections are refused. */
    public static class UnreachableStreams implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "collector.exchanges.binance.ws-url", "ws://127.0.0.1:1/binance-futures",
                    "collector.exchanges.binance.spot-ws-url", "ws://127.0.0.1:1/binance-spot",
                    "collector.live-books.max-reconnect-delay", "1s");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    LiveBookFeeds feeds;

    @Test
    void restPublishesTheBooksAndTheFeedsAreDegraded() throws Exception {
        await().atMost(WAIT).until(() -> {
            String health = RestAssured.get("/q/health/well").asString();
            return LiveBooksTest.wellness(health, "binance.live_books.fallback") >= 1
                    && LiveBooksTest.wellness(health, "binance-spot.live_books.fallback") >= 1;
        });
        String health = RestAssured.get("/q/health/well").asString();
        for (String feed : new String[] {"binance", "binance-spot"}) {
            String verdict = verdict(health, feed);
            assertTrue(verdict.startsWith("degraded"), feed + ": " + verdict);
            assertTrue(verdict.contains("BTCUSDT") && verdict.contains("connect failed"), feed + ": " + verdict);
            assertTrue(feeds.feed(feed).orElseThrow().status().fallbackReasons().containsKey("BTCUSDT"));
        }

        try (TestBus bus = new TestBus()) {
            TestBus.Subscription sub = bus.subscribe(Topology.MARKET_DATA_EXCHANGE, "futures.binance.BTCUSDT",
                    "spot.binance.BTCUSDT");
            for (String key : new String[] {"futures.binance.BTCUSDT", "spot.binance.BTCUSDT"}) {
                TestBus.Received rest = sub.await(m -> m.routingKey().equals(key), WAIT);
                JsonNode body = Json.MAPPER.readTree(rest.body());
                assertTrue(body.at("/extra/book_source").isMissingNode(), "REST-polled: " + body.get("extra"));
                assertTrue(body.at("/orderbook/bids").size() > 0);
            }
        }
    }

    private static String verdict(String health, String feed) throws Exception {
        for (JsonNode check : Json.MAPPER.readTree(health).path("checks")) {
            if ("exchange-feeds".equals(check.path("name").asText())) {
                return check.path("data").path(feed).asText();
            }
        }
        throw new AssertionError("no exchange-feeds check in " + health);
    }
}
