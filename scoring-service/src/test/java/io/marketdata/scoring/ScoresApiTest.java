package io.marketdata.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.scoring.support.ServiceTest;
import io.marketdata.scoring.support.TestBus;
import io.marketdata.scoring.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.BeforeAll;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/** The score history API (sparklines), the latest round of a token, and the latest of every token. */
@QuarkusTest
class ScoresApiTest extends ServiceTest {

    private static final double EPS = 1e-9;

    /** Numbers as doubles (REST Assured reads floats by default). */
    @BeforeAll
    static void doubles() {
        io.restassured.RestAssured.config = RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void historyLatestAndRanking() {
        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SCORE_UPDATED);
        String mint = Tokens.mint();
        long now = System.currentTimeMillis();
        long migratedAt = now - Tokens.HOUR_MS;
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.workedExample(mint, now - 3_000, migratedAt));
        JsonNode s1 = awaitScore(out, mint);
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.steady(mint, now - 2_000, migratedAt));
        JsonNode s2 = awaitScore(out, mint);
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.workedExample(mint, now - 1_000, migratedAt));
        JsonNode s3 = awaitScore(out, mint);
        List<Long> times = List.of(s1.get("scored_at").asLong(), s2.get("scored_at").asLong(), s3.get("scored_at").asLong());

        // history, oldest first, the default last 24 h
        JsonPath h = given().get("/api/scores/" + mint).then().statusCode(200).extract().jsonPath();
        assertEquals(3, h.getInt("count"));
        assertEquals(false, h.getBoolean("truncated"));
        assertEquals(times, h.getList("points.scored_at", Long.class));
        assertEquals(s2.get("smoothed_score").asDouble(), h.getDouble("points[1].smoothed_score"), EPS);
        assertEquals(s2.get("score").asDouble(), h.getDouble("points[1].score"), EPS);
        assertEquals("ok", h.getString("points[0].data_quality"));
        assertEquals(s2.get("smoothed_components").get("tx_accel").asDouble(), h.getDouble("points[1].components.tx_accel"), EPS);
        assertEquals("hybrid_momentum", h.getString("model"));

        // limit keeps the most recent points; from/to bound the range (epoch ms or ISO-8601)
        given().get("/api/scores/" + mint + "?limit=2").then().statusCode(200)
                .body("count", equalTo(2)).body("truncated", equalTo(true))
                .body("points.scored_at", contains(times.get(1), times.get(2)));
        given().get("/api/scores/" + mint + "?from=" + times.get(1) + "&to=" + times.get(1)).then().statusCode(200)
                .body("points.scored_at", contains(times.get(1)));
        given().get("/api/scores/" + mint + "?to=" + java.time.Instant.ofEpochMilli(times.get(0) - 1)).then().statusCode(200)
                .body("count", equalTo(0));

        // the latest round in full
        JsonPath latest = given().get("/api/scores/" + mint + "/latest").then().statusCode(200).extract().jsonPath();
        assertEquals(times.get(2), latest.getLong("scored_at"));
        assertEquals(s3.get("score").asDouble(), latest.getDouble("score"), EPS);
        assertEquals(2.0, latest.getDouble("raw_components.tx_accel"), EPS);
        assertEquals(s3.get("smoothed_components").get("vol_momentum").asDouble(),
                latest.getDouble("smoothed_components.vol_momentum"), EPS);
        assertEquals(240.0, latest.getDouble("metrics_used.tx_1h"), EPS);
        assertEquals(List.of(), latest.getList("issues"));
        assertEquals(now - 1_000, latest.getLong("fetched_at"));
        assertEquals("ok", latest.getString("data_quality"));

        // the latest round of every token, best first
        double smoothed = s3.get("smoothed_score").asDouble();
        JsonPath top = given().get("/api/scores/latest?limit=1000&min_smoothed=" + (smoothed - 1e-6))
                .then().statusCode(200).extract().jsonPath();
        assertTrue(top.getList("scores.mint", String.class).contains(mint));
        List<Double> ranked = top.getList("scores.smoothed_score", Double.class);
        for (int i = 1; i < ranked.size(); i++) {
            assertTrue(ranked.get(i - 1) >= ranked.get(i), "sorted by smoothed score");
        }
        assertTrue(ranked.stream().allMatch(v -> v >= smoothed - 1e-6));
        given().get("/api/scores/latest?min_smoothed=" + (smoothed + 1e-6) + "&limit=1000").then().statusCode(200)
                .body("scores.mint", org.hamcrest.Matchers.not(hasItem(mint)));
    }

    @Test
    void badRequestsAndUnknownTokens() {
        given().get("/api/scores/not-a-mint").then().statusCode(400).body("field", equalTo("mint")).body("error", startsWith("mint"));
        String mint = Tokens.mint();
        given().get("/api/scores/" + mint).then().statusCode(404).body("error", startsWith("no scores of " + mint));
        given().get("/api/scores/" + mint + "/latest").then().statusCode(404);
        given().get("/api/scores/" + mint + "?from=1700000002000&to=1700000001000").then().statusCode(400).body("field", equalTo("from"));
        given().get("/api/scores/" + mint + "?from=yesterday").then().statusCode(400).body("field", equalTo("from"));
        given().get("/api/scores/" + mint + "?to=17").then().statusCode(400).body("field", equalTo("to"));
        given().get("/api/scores/" + mint + "?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/api/scores/" + mint + "?limit=5001").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/api/scores/" + mint + "?model=moonshot").then().statusCode(400).body("field", equalTo("model"));
        given().get("/api/scores/latest?limit=abc").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/api/scores/latest?min_smoothed=high").then().statusCode(400).body("field", equalTo("min_smoothed"));
        given().get("/api/scores/latest").then().statusCode(200).body("$", hasKey("scores"));
    }
}
