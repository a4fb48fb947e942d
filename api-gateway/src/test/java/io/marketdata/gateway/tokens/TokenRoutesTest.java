package io.marketdata.gateway.tokens;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.marketdata.gateway.support.StubServices;
import io.marketdata.gateway.support.StubServices.Reply;
import io.marketdata.gateway.support.TestBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token, score and settings routes against stand-ins of lifecycle- and scoring-service; the refresh against the real broker. */
@QuarkusTest
@QuarkusTestResource(StubServices.class)
class TokenRoutesTest {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final String MINT_A = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU";
    private static final String MINT_B = "9wFFyRfZBsuAha4YcuxcXLKwMxJR43S7fPfQLusDBzvT";

    @BeforeEach
    void setUp() {
        StubServices.reset();
        StubServices.startService("lifecycle");
        StubServices.startService("scoring");
    }

    @Test
    void tokenListIsForwardedWithValidatedParametersAndSparklines() {
        StubServices.on("lifecycle", "GET", "/api/tokens", r -> {
            assertEquals("active", r.getParam("status"));
            assertEquals("score", r.getParam("sort"));
            return Reply.json("{\"count\":2,\"tokens\":[{\"mint\":\"" + MINT_A + "\",\"smoothed_score\":0.9},"
                    + "{\"mint\":\"" + MINT_B + "\",\"smoothed_score\":0.4}]}");
        });
        StubServices.on("scoring", "GET", "/api/scores/" + MINT_A, Reply.json(
                "{\"points\":[{\"smoothed_score\":0.5},{\"smoothed_score\":0.7},{\"smoothed_score\":0.9}]}"));
        StubServices.on("scoring", "GET", "/api/scores/" + MINT_B, Reply.json(404, "{\"error\":\"never scored\"}"));
        given().get("/tokens?status=ACTIVE&sort=score&limit=10&sparklines=true").then().statusCode(200)
                .body("tokens[0].sparkline", contains(0.5f, 0.7f, 0.9f))
                .body("tokens[1].sparkline", hasSize(0));
        given().get("/tokens?status=sleeping").then().statusCode(400).body("field", equalTo("status"));
        given().get("/tokens?limit=0").then().statusCode(400).body("field", equalTo("limit"));
    }

    @Test
    void tokenDetailJoinsTheLatestScore() {
        StubServices.on("lifecycle", "GET", "/api/tokens/" + MINT_A, Reply.json("{\"mint\":\"" + MINT_A + "\",\"status\":\"active\"}"));
        StubServices.on("scoring", "GET", "/api/scores/" + MINT_A + "/latest",
                Reply.json("{\"mint\":\"" + MINT_A + "\",\"smoothed_score\":0.81,\"raw_components\":{\"tx_accel\":1.2}}"));
        given().get("/tokens/" + MINT_A).then().statusCode(200).body("status", equalTo("active"))
                .body("latest_score.smoothed_score", equalTo(0.81f)).body("latest_score.raw_components.tx_accel", equalTo(1.2f));
        given().get("/tokens/not-a-mint").then().statusCode(400).body("field", equalTo("mint"));
        StubServices.on("lifecycle", "GET", "/api/tokens/" + MINT_B, Reply.json(404, "{\"error\":\"unknown mint\",\"status\":404}"));
        given().get("/tokens/" + MINT_B).then().statusCode(404).body("request_id", notNullValue());
        // scoring down: the token still answers, without its score, marked degraded
        StubServices.on("lifecycle", "GET", "/api/tokens/" + MINT_B, Reply.json("{\"mint\":\"" + MINT_B + "\",\"status\":\"monitoring\"}"));
        StubServices.stopService("scoring");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/tokens/" + MINT_B).then().statusCode(200)
                .body("status", equalTo("monitoring")).body("latest_score", nullValue()).body("degraded", equalTo(true)));
    }

    @Test
    void settingsNeedTheAdminTokenAndTheOwnersAnswerComesBackAsItIs() {
        AtomicReference<String> received = new AtomicReference<>();
        StubServices.on("scoring", "PUT", "/api/settings", r -> {
            r.body().onSuccess(b -> received.set(b.toString()));
            return Reply.json("{\"version\":7,\"settings\":{\"w_tx\":0.15}}");
        });
        given().contentType(ContentType.JSON).body("{\"w_tx\":0.15}").put("/settings").then().statusCode(401)
                .header("WWW-Authenticate", notNullValue()).body("error", equalTo("unauthorized"));
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body("{}").put("/settings")
                .then().statusCode(401);
        assertEquals(0, StubServices.calls("scoring", "PUT", "/api/settings"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"w_tx\":0.15}").put("/settings")
                .then().statusCode(200).body("version", equalTo(7));
        await().untilAsserted(() -> assertEquals("{\"w_tx\":0.15}", received.get()));
        // POST is the seed's verb for the same change
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"w_tx\":0.15}").post("/settings")
                .then().statusCode(200);
        StubServices.on("scoring", "PUT", "/api/settings", Reply.json(400,
                "{\"error\":\"invalid settings\",\"fields\":{\"w_tx\":\"weights must sum to 1\"}}"));
        given().header("Authorization", ADMIN).header("X-Request-Id", "set-1").contentType(ContentType.JSON)
                .body("{\"w_tx\":0.9}").put("/settings").then().statusCode(400)
                .body("fields.w_tx", equalTo("weights must sum to 1")).body("request_id", equalTo("set-1"));
        StubServices.on("scoring", "GET", "/api/settings", Reply.json("{\"version\":7,\"settings\":{\"w_tx\":0.15}}"));
        given().get("/settings").then().statusCode(200).body("version", equalTo(7));
        StubServices.stopService("scoring");
        given().header("Authorization", ADMIN).post("/admin/recalculate").then().statusCode(503)
                .body("service", equalTo("scoring-service"));
    }

    @Test
    void recalculateIsForwardedWithTheToken() {
        StubServices.on("scoring", "POST", "/api/admin/recalculate", Reply.json("{\"recalculated\":3,\"skipped\":1}"));
        given().post("/admin/recalculate").then().statusCode(401);
        given().header("Authorization", ADMIN).post("/admin/recalculate").then().statusCode(200).body("recalculated", equalTo(3));
    }

    @Test
    void refreshPublishesAValidTokenRefreshRequested() throws Exception {
        try (Connection c = TestBroker.settings().open("gateway-test"); Channel ch = c.createChannel()) {
            ch.exchangeDeclare(Topology.TOKEN_EVENTS_EXCHANGE, "topic", true);
            String queue = ch.queueDeclare().getQueue();
            ch.queueBind(queue, Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_REFRESH_REQUESTED);
            given().post("/tokens/" + MINT_A + "/refresh").then().statusCode(401);
            given().header("Authorization", ADMIN).header("X-Request-Id", "refresh-1").post("/tokens/" + MINT_A + "/refresh")
                    .then().statusCode(202).body("mint", equalTo(MINT_A)).body("correlation_id", equalTo("refresh-1"));
            AtomicReference<GetResponse> got = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                GetResponse r = ch.basicGet(queue, true);
                if (r != null && MINT_A.equals(Json.MAPPER.readTree(r.getBody()).path("mint").asText())) {
                    got.set(r);
                }
                return got.get() != null;
            });
            JsonNode body = Json.MAPPER.readTree(got.get().getBody());
            assertTrue(SchemaValidator.get().validate(MessageType.TOKEN_REFRESH_REQUESTED, body).isEmpty());
            assertEquals("refresh-1", got.get().getProps().getCorrelationId());
            assertEquals(2, got.get().getProps().getDeliveryMode());
        }
    }
}
