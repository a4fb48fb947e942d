package io.marketdata.gateway.market;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketdata.gateway.support.StubServices;
import io.marketdata.gateway.support.StubServices.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The market-data routes against stand-ins of orderbook-service and collector-service, with real Redis. */
@QuarkusTest
@QuarkusTestResource(StubServices.class)
class MarketRoutesTest {

    @Inject
    Redis redis;

    private String symbol;

    @BeforeEach
    void setUp() {
        StubServices.reset();
        StubServices.startService("orderbook");
        symbol = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase() + "USDT";
    }

    @AfterEach
    void restart() {
        StubServices.startService("orderbook");
        StubServices.startService("collector");
    }

    private static String book(String symbol, long timestamp) {
        return "{\"exchange\":\"binance\",\"market\":\"futures\",\"symbol\":\"" + symbol + "\",\"timestamp\":" + timestamp
                + ",\"best_bid\":100.0,\"best_ask\":100.5,\"bands\":[{\"depth\":5,\"bid_volume\":10.0,\"ask_volume\":6.0,"
                + "\"bid_value_usd\":1000.0,\"ask_value_usd\":603.0,\"diff\":4.0,\"percentage\":25.0}],"
                + "\"bids\":[[100.0,1.0]],\"asks\":[[100.5,2.0]],\"source\":\"cache\"}";
    }

    @Test
    void currentDepthIsPassedThroughAndSharedByClientsWithinTheCachePeriod() {
        StubServices.on("orderbook", "GET", "/api/depth/binance/futures",
                r -> r.getParam("symbol").equals(symbol) ? Reply.json(book(symbol, System.currentTimeMillis()))
                        : Reply.json(404, "{\"error\":\"no book\",\"status\":404}"));
        given().get("/api/depth/binance/futures?symbol=" + symbol).then().statusCode(200)
                .header("X-Source", "upstream")
                .body("best_bid", equalTo(100.0f)).body("bands[0].diff", equalTo(4.0f)).body("degraded", nullValue());
        // the unified spelling is the same book, and the same cache entry
        given().get("/api/depth/binance/futures?symbol=" + symbol.replace("USDT", "/USDT:USDT")).then().statusCode(200);
        assertEquals(1, StubServices.calls("orderbook", "GET", "/api/depth/binance/futures"));
    }

    @Test
    void badParametersAre400sNamingTheField() {
        given().get("/api/chart-data?symbol=BTCUSDT&depth=7").then().statusCode(400)
                .body("field", equalTo("depth")).body("request_id", notNullValue()).body("error", equalTo("bad_request"));
        given().get("/api/depth/binance/futures?symbol=BTC-USDT!").then().statusCode(400).body("field", equalTo("symbol"));
        given().get("/api/depth/kraken/futures?symbol=BTCUSDT").then().statusCode(400).body("field", equalTo("exchange"));
        given().get("/api/depth/binance/options?symbol=BTCUSDT").then().statusCode(400).body("field", equalTo("market"));
        given().get("/api/chart-data?symbol=BTCUSDT&from=1700003600000&to=1700000000000").then().statusCode(400)
                .body("field", equalTo("from"));
        given().get("/api/chart-data?symbol=BTCUSDT&from=1500000000000&to=1700000000000").then().statusCode(400)
                .body("message", containsString("range longer than"));
        given().get("/api/chart-data?symbol=BTCUSDT&from=yesterday").then().statusCode(400).body("field", equalTo("from"));
        given().get("/api/analytics/history?symbol=BTCUSDT&interval=5m").then().statusCode(400).body("field", equalTo("interval"));
        given().get("/api/indices/TOTAL9").then().statusCode(400).body("field", equalTo("name"));
        given().get("/api/binance/depth?symbol=BTCUSDT&type=options").then().statusCode(400).body("field", equalTo("type"));
        assertEquals(0, StubServices.calls("orderbook", "GET", "/api/chart-data"));
    }

    @Test
    void historyIsForwardedNormalizedAndCsvKeepsItsType() {
        StubServices.on("orderbook", "GET", "/api/chart-data", r -> {
            assertEquals("binance", r.getParam("exchange"));
            assertEquals("futures", r.getParam("marketType"));
            assertEquals(symbol, r.getParam("symbol"));
            assertEquals("1.5", r.getParam("depth"));
            return "csv".equals(r.getParam("format")) ? new Reply(200, "text/csv", "time,value\n1700000000,1.0\n")
                    : Reply.json("{\"data\":[{\"time\":1700000000,\"value\":1.0}],\"source\":\"cache\"}");
        });
        given().get("/api/chart-data?exchange=BINANCE&marketType=FUTURES&symbol=" + symbol.toLowerCase() + "&depth=1.50&type=bid")
                .then().statusCode(200).body("data[0].value", equalTo(1.0f));
        given().get("/api/chart-data?marketType=futures&symbol=" + symbol + "&depth=1.5&type=bid&format=csv")
                .then().statusCode(200).contentType(containsString("text/csv")).body(containsString("time,value"));
    }

    @Test
    void upstream404IsPassedOnWithTheRequestId() {
        StubServices.on("orderbook", "GET", "/api/depth/binance/futures",
                Reply.json(404, "{\"error\":\"not_found\",\"message\":\"no current book\",\"status\":404}"));
        given().header("X-Request-Id", "req-404").get("/api/depth/binance/futures?symbol=" + symbol).then().statusCode(404)
                .body("message", equalTo("no current book")).body("request_id", equalTo("req-404"));
    }

    @Test
    void orderbookDownServesTheHotCacheDegradedThen503WhenNothingIsLeftAndRecovers() {
        String key = "ob:latest:binance:futures:" + symbol;
        redis.send(Request.cmd(Command.SET).arg(key).arg(book(symbol, System.currentTimeMillis() - 3_000)).arg("EX").arg("60"))
                .await().atMost(Duration.ofSeconds(2));
        StubServices.stopService("orderbook");
        try {
            given().get("/api/depth/binance/futures?symbol=" + symbol).then().statusCode(200)
                    .header("X-Degraded", "true").header("X-Source", "hot-cache")
                    .body("degraded", equalTo(true)).body("stale_ms", greaterThanOrEqualTo(3000))
                    .body("degraded_reason", containsString("orderbook-service"))
                    .body("best_bid", equalTo(100.0f));
            given().get("/api/analytics/stats?symbol=" + symbol).then().statusCode(503)
                    .body("error", equalTo("service_unavailable")).body("service", equalTo("orderbook-service"))
                    .body("request_id", notNullValue());
        } finally {
            redis.send(Request.cmd(Command.DEL).arg(key)).await().atMost(Duration.ofSeconds(2));
        }
        StubServices.startService("orderbook");
        StubServices.on("orderbook", "GET", "/api/analytics/stats", Reply.json("{\"total_minutes\":5}"));
        // once the breaker lets calls through again (gateway.upstream.breaker.delay) the service answers
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/analytics/stats?symbol=" + symbol + "&exchange=bybit").then().statusCode(200)
                        .body("total_minutes", equalTo(5)).header("X-Source", "upstream"));
    }

    @Test
    void aFailedServiceFallsBackToTheLastGoodAnswer() {
        StubServices.on("orderbook", "GET", "/api/analytics/stats", Reply.json("{\"total_minutes\":42}"));
        given().get("/api/analytics/stats?exchange=htx&symbol=" + symbol).then().statusCode(200).body("total_minutes", equalTo(42));
        StubServices.on("orderbook", "GET", "/api/analytics/stats", Reply.json(500, "{\"error\":\"boom\"}"));
        // past the short cache, the service fails (500): the last good answer is served, marked degraded
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/analytics/stats?exchange=htx&symbol=" + symbol).then().statusCode(200)
                        .header("X-Source", "last-good").body("degraded", equalTo(true)).body("total_minutes", equalTo(42)));
    }

    @Test
    void seedBinanceRoutesAddStreamStatusAndOneBand() {
        StubServices.on("orderbook", "GET", "/api/depth/binance/spot", Reply.json(book(symbol, System.currentTimeMillis())));
        StubServices.on("orderbook", "GET", "/api/depth/binance/futures", Reply.json(book(symbol, System.currentTimeMillis())));
        StubServices.on("collector", "GET", "/api/statistics", Reply.json("{\"exchanges\":{\"binance-spot\":{\"live_books\":"
                + "{\"synced\":3,\"syncing\":0,\"fallback\":1,\"fallback_symbols\":{\"" + symbol + "\":\"gap\"}}}}}"));
        given().get("/api/binance/spot?symbol=" + symbol).then().statusCode(200)
                .body("type", equalTo("SPOT")).body("stream.status", equalTo("rest_fallback")).body("stream.synced", equalTo(3));
        given().get("/api/binance/depth?symbol=" + symbol + "&depth=5&type=all").then().statusCode(200)
                .body("depth", equalTo(5.0f)).body("spot.total_bid_value", equalTo(1000.0f))
                .body("futures.percentage", equalTo(25.0f));
        StubServices.stopService("collector");
        // once the statistics' short cache has expired, a collector that does not answer means "unknown"
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/binance/futures?symbol=" + symbol)
                .then().statusCode(200).body("stream.status", equalTo("unknown")));
    }
}
