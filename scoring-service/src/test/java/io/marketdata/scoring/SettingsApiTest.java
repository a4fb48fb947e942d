package io.marketdata.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.messaging.settings.SettingsFollower;
import io.marketdata.scoring.support.ServiceTest;
import io.marketdata.scoring.support.TestBus;
import io.marketdata.scoring.support.TestDb;
import io.marketdata.scoring.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The settings owner: GET, PUT/POST with validation, versions, settings.updated, and the next score using them. */
@QuarkusTest
class SettingsApiTest extends ServiceTest {

    private static final double EPS = 1e-9;

    @AfterEach
    void defaultsAgain() {
        restoreDefaultSettings();
    }

    private static JsonNode json(Response r) {
        return Json.MAPPER.valueToTree(r.as(Map.class));
    }

    private static long currentVersion() {
        return given().when().get("/api/settings").then().statusCode(200).extract().jsonPath().getLong("version");
    }

    @Test
    void getAnswersTheCurrentVersionInTheShapeOfSettingsUpdated() {
        Response r = given().when().get("/api/settings").then().statusCode(200).extract().response();
        JsonNode body = json(r);
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.SETTINGS_UPDATED, body));
        assertEquals(activeSettings.current().version(), body.get("version").asLong());
        assertEquals(PipelineSettings.defaults(), Json.MAPPER.convertValue(body.get("settings"), PipelineSettings.class));
        assertEquals(PipelineSettings.fieldNames().size(), body.get("settings").size());
        assertTrue(body.get("updated_at").asLong() > 1_600_000_000_000L);
    }

    @Test
    void aValidChangeIsStoredPublishedAndUsedByTheNextScore() {
        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SETTINGS_UPDATED, RoutingKeys.SCORE_UPDATED);
        long before = currentVersion();

        Map<String, Object> change = new LinkedHashMap<>();
        change.put("w_tx", 0.15);
        change.put("w_vol", 0.35);
        change.put("ewma_alpha", 0.5);
        Response r = given().contentType("application/json").body(Json.toBytes(change))
                .when().put("/api/settings").then().statusCode(200).extract().response();
        JsonNode answer = json(r);
        assertEquals(before + 1, answer.get("version").asLong());
        assertEquals(0.35, answer.get("settings").get("w_vol").asDouble(), EPS);
        assertEquals(0.25, answer.get("settings").get("w_fresh").asDouble(), EPS, "untouched settings stay");
        assertEquals(before + 1, currentVersion());
        // applied here at once, and known to this replica's follower
        assertEquals(before + 1, activeSettings.current().version());
        assertEquals(0.5, activeSettings.settings().ewmaAlpha(), EPS);
        assertTrue(activeSettings.follower().current().version() >= before + 1);

        TestBus.Received published = TestBus.await(out, m -> m.routingKey().equals(RoutingKeys.SETTINGS_UPDATED)
                && m.json().get("version").asLong() == before + 1, WAIT);
        assertNotNull(published, "settings.updated not published");
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.SETTINGS_UPDATED, published.body()));
        assertEquals(0.15, published.json().get("settings").get("w_tx").asDouble(), EPS);
        assertEquals(answer.get("updated_at").asLong(), published.json().get("updated_at").asLong());
        assertEquals("true", TestDb.stringQuery("SELECT (published_at IS NOT NULL)::text FROM scoring.settings_versions "
                + "WHERE version = ?", before + 1));

        // the next rounds use the new weights and α
        String mint = Tokens.mint();
        long now = System.currentTimeMillis();
        long migratedAt = now - 3 * Tokens.HOUR_MS;
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.workedExample(mint, now - 2_000, migratedAt));
        JsonNode s1 = awaitScore(out, mint);
        double f1 = s1.get("raw_components").get("token_freshness").asDouble();
        double score1 = 0.15 * 2 + 0.35 * 2 + 0.25 * f1 + 0.25 * 0.5;
        assertEquals(score1, s1.get("score").asDouble(), EPS);
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.steady(mint, now - 1_000, migratedAt));
        JsonNode s2 = awaitScore(out, mint);
        double f2 = s2.get("raw_components").get("token_freshness").asDouble();
        double score2 = 0.15 * 1 + 0.35 * 1 + 0.25 * f2 + 0.25 * 0;
        assertEquals(score2, s2.get("score").asDouble(), EPS);
        assertEquals(0.5 * score2 + 0.5 * score1, s2.get("smoothed_score").asDouble(), EPS, "α = 0.5");
        assertEquals(0.5 * 1 + 0.5 * 2, s2.get("smoothed_components").get("tx_accel").asDouble(), EPS);

        // POST is accepted as well; the same values again make no new version
        given().contentType("application/json").body(Json.toBytes(change)).when().post("/api/settings")
                .then().statusCode(200).body("version", equalTo((int) (before + 1)));
    }

    @Test
    void invalidChangesAreRefusedWithEveryFieldError() {
        long before = currentVersion();
        given().contentType("application/json")
                .body("{\"w_tx\": 0.9, \"ewma_alpha\": 1.5, \"min_score\": -1, \"scoring_model\": \"moonshot\"}")
                .when().put("/api/settings").then().statusCode(400)
                .body("error", equalTo("invalid settings"))
                .body("fields", hasKey("weights"))
                .body("fields.ewma_alpha", equalTo("must be in (0, 1]"))
                .body("fields.min_score", startsWith("must be"))
                .body("fields.scoring_model", startsWith("unknown model 'moonshot'"));
        given().contentType("application/json").body("{\"w_moon\": 1, \"ewma_alpha\": \"fast\"}")
                .when().put("/api/settings").then().statusCode(400)
                .body("fields.w_moon", equalTo("unknown setting"))
                .body("fields.ewma_alpha", equalTo("must be a number"));
        given().contentType("application/json").body("{\"w_tx\": ".getBytes(StandardCharsets.UTF_8))
                .when().put("/api/settings").then().statusCode(400)
                .body("error", startsWith("invalid JSON")).body("field", equalTo("body"));
        given().contentType("application/json").body("[1, 2]")
                .when().post("/api/settings").then().statusCode(400).body("field", equalTo("body"));
        assertEquals(before, currentVersion(), "nothing stored");
        assertEquals(before, activeSettings.current().version());
    }

    @Test
    void aVersionStoredByAnotherReplicaIsPickedUp_andAnnouncedVersionsThatAreNotStoredAreIgnored() {
        long before = currentVersion();
        // another replica of the owner stored a version (its bus message may be lost): the periodic re-read finds it
        Map<String, Object> next = PipelineSettings.defaults().toMap();
        next.put("w_fresh", 0.4);
        next.put("w_oi", 0.1);
        TestDb.update("INSERT INTO scoring.settings_versions (version, settings, updated_at, published_at) "
                + "VALUES (?, ?::jsonb, ?, ?)", before + 1, new String(Json.toBytes(next), StandardCharsets.UTF_8),
                new Timestamp(System.currentTimeMillis()), new Timestamp(System.currentTimeMillis()));
        await().atMost(Duration.ofSeconds(5)).until(() -> activeSettings.current().version() == before + 1);
        assertEquals(0.4, activeSettings.settings().wFresh(), EPS);

        // a version announced to the follower (bus) that the table does not hold is not scored with
        activeSettings.follower().offer(before + 1_000, PipelineSettings.fromMap(Map.of("ewma_alpha", 0.9),
                List.of("hybrid_momentum")).orElseThrow(), SettingsFollower.Source.BUS);
        assertEquals(before + 1, activeSettings.current().version());
        assertEquals(0.4, activeSettings.settings().wFresh(), EPS);

        // and does not block the owner's next version either
        given().contentType("application/json").body("{\"ewma_alpha\": 0.4}").when().put("/api/settings")
                .then().statusCode(200).body("version", equalTo((int) (before + 2)));
        assertEquals(before + 2, activeSettings.current().version());
        assertEquals(0.4, activeSettings.settings().ewmaAlpha(), EPS);
    }
}
