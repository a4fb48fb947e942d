package io.marketdata.scoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.scoring.support.ServiceTest;
import io.marketdata.scoring.support.TestBus;
import io.marketdata.scoring.support.TestDb;
import io.marketdata.scoring.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/** POST /api/admin/recalculate: one new round per non-archived token, from its stored snapshot, EWMA continuing. */
@QuarkusTest
class RecalculateTest extends ServiceTest {

    private static final double EPS = 1e-9;

    @Test
    void everyNonArchivedTokenIsRescoredOnceAndPublished() {
        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SCORE_UPDATED);
        long now = System.currentTimeMillis();
        long migratedAt = now - 3 * Tokens.HOUR_MS;
        String a = Tokens.mint();
        String b = Tokens.mint();
        String archived = Tokens.mint();
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.workedExample(a, now - 3_000, migratedAt));
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.steady(b, now - 3_000, migratedAt));
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.steady(archived, now - 3_000, migratedAt));
        JsonNode a1 = awaitScore(out, a);
        JsonNode b1 = awaitScore(out, b);
        awaitScore(out, archived);
        bus.publish(RoutingKeys.TOKEN_STATUS_CHANGED, Tokens.statusChanged(archived, "monitoring", "archived", now));
        await().atMost(WAIT).until(() -> "archived".equals(
                TestDb.stringQuery("SELECT status FROM scoring.token_inputs WHERE mint = ?", archived)));

        int recalculated = given().post("/api/admin/recalculate").then().statusCode(200)
                .extract().jsonPath().getInt("recalculated");
        assertTrue(recalculated >= 2, "at least the two tokens of this test: " + recalculated);

        // the rounds come in the order of the mints: collect both
        Map<String, JsonNode> again = new HashMap<>();
        await().atMost(WAIT).until(() -> {
            TestBus.Received r = TestBus.await(out, m -> TestBus.scoreOf(a).test(m) || TestBus.scoreOf(b).test(m),
                    Duration.ofSeconds(1));
            if (r != null) {
                assertEquals(List.of(), SchemaValidator.get().validate(MessageType.SCORE_UPDATED, r.body()));
                assertTrue(again.put(r.json().get("mint").asText(), r.json()) == null, "one score.updated per token");
            }
            return again.size() == 2;
        });
        for (JsonNode previous : List.of(a1, b1)) {
            String mint = previous.get("mint").asText();
            JsonNode recalculatedScore = again.get(mint);
            assertTrue(recalculatedScore.get("scored_at").asLong() > previous.get("scored_at").asLong());
            // the same snapshot a little later: same ratios, freshness measured to the new round
            assertEquals(previous.get("raw_components").get("tx_accel").asDouble(),
                    recalculatedScore.get("raw_components").get("tx_accel").asDouble(), EPS);
            assertEquals(0.3 * recalculatedScore.get("score").asDouble() + 0.7 * previous.get("smoothed_score").asDouble(),
                    recalculatedScore.get("smoothed_score").asDouble(), EPS, "EWMA continues");
            assertEquals(2, TestDb.scoreRows(mint));
            assertEquals(1, TestDb.longQuery("SELECT count(*) FROM scoring.scores WHERE mint = ? AND source = 'recalculate'", mint));
        }
        assertEquals(1, TestDb.scoreRows(archived), "archived tokens are left out");
        assertEquals(List.of(), TestBus.drain(out, m -> TestBus.scoreOf(a).test(m) || TestBus.scoreOf(b).test(m)));
    }
}
