package io.marketdata.gateway.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.marketdata.gateway.support.StubServices;
import io.marketdata.gateway.support.StubServices.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health matrix: stand-in services, the real RabbitMQ, PostgreSQL and Redis. */
@QuarkusTest
@QuarkusTestResource(StubServices.class)
class HealthMatrixTest {

    @BeforeEach
    void services() {
        StubServices.reset();
        for (String name : StubServices.NAMES) {
            StubServices.startService(name);
            StubServices.on(name, "GET", "/q/health/ready", Reply.json("{\"status\":\"UP\",\"checks\":[]}"));
        }
        StubServices.on("collector", "GET", "/q/health/well", Reply.json(503, "{\"status\":\"DOWN\",\"checks\":["
                + "{\"name\":\"exchange-feeds\",\"status\":\"DOWN\",\"data\":{\"binance\":\"healthy, last data 120 ms ago\","
                + "\"bybit\":\"degraded, last data 31000 ms ago, last error: HTTP 500\",\"binance.live_books.synced\":3}},"
                + "{\"name\":\"pumpportal\",\"status\":\"UP\",\"data\":{\"pumpportal\":\"healthy, connected\"}}]}"));
    }

    @AfterEach
    void restart() {
        StubServices.startService("lifecycle");
    }

    @Test
    void everyComponentHasAVerdictAndLatencyAndAStoppedServiceDegradesThenRecovers() {
        given().get("/health").then().statusCode(200)
                .body("status", equalTo("degraded")) // bybit's feed is degraded
                .body("checked_at", notNullValue())
                .body("components.'orderbook-service'.status", equalTo("healthy"))
                .body("components.'orderbook-service'.latency_ms", notNullValue())
                .body("components.'lifecycle-service'.group", equalTo("service"))
                .body("components.rabbitmq.status", equalTo("healthy"))
                .body("components.postgresql.status", equalTo("healthy"))
                .body("components.redis.status", equalTo("healthy"))
                .body("components.redis.group", equalTo("infrastructure"))
                .body("components.'feed.binance'.status", equalTo("healthy"))
                .body("components.'feed.bybit'.status", equalTo("degraded"))
                .body("components.'feed.bybit'.detail", containsString("HTTP 500"))
                .body("components.'feed.pumpportal'.status", equalTo("healthy"));
        StubServices.stopService("lifecycle");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/health").then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("components.'lifecycle-service'.status", equalTo("unhealthy"))
                .body("components.'lifecycle-service'.detail", containsString("unreachable")));
        StubServices.startService("lifecycle");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/health").then()
                .body("components.'lifecycle-service'.status", equalTo("healthy")));
    }
}
