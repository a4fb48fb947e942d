package io.marketdata.scoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.GetResponse;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.scoring.support.ServiceTest;
import io.marketdata.scoring.support.TestBus;
import io.marketdata.scoring.support.TestDb;
import io.marketdata.scoring.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox row goes through the reactive session of the change it announces: when its insert fails
 * (a CHECK constraint on {@code scoring.outbox} refuses it, SQLState 23514), the change rolls back with it.
 * A scoring round: no score row, no latest entry, no stored snapshot, nothing announced, the message
 * dead-lettered (class 23); the same snapshot afterwards commits and is announced once. A settings
 * change: no new version stored, none applied.
 */
@QuarkusTest
class OutboxAtomicityTest extends ServiceTest {

    private static final String CONSTRAINT = "outbox_refuses_poison_test";

    @AfterAll
    static void dropConstraint() {
        TestDb.update("ALTER TABLE scoring.outbox DROP CONSTRAINT IF EXISTS " + CONSTRAINT);
    }

    private static void refusePoison() {
        TestDb.update("ALTER TABLE scoring.outbox ADD CONSTRAINT " + CONSTRAINT
                + " CHECK (correlation_id IS NULL OR correlation_id NOT LIKE 'outbox-poison-%')");
    }

    @Test
    void aRoundWhoseOutboxRowFailsLeavesNothing_andTheSameSnapshotLaterCommitsWithItsEvent() {
        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SCORE_UPDATED);
        String mint = Tokens.mint();
        long now = System.currentTimeMillis();
        byte[] snapshot = Json.toBytes(Tokens.workedExample(mint, now - 1_000, now - Tokens.HOUR_MS));
        String poison = "outbox-poison-" + UUID.randomUUID();
        refusePoison();
        GetResponse dead;
        try {
            bus.publish(RoutingKeys.TOKEN_METRICS, snapshot, poison);
            dead = bus.deadLetter(Topology.deadLetterQueue(consumer.queueName()), poison, WAIT);
        } finally {
            TestDb.update("ALTER TABLE scoring.outbox DROP CONSTRAINT " + CONSTRAINT);
        }
        assertNotNull(dead, "the round whose outbox row was refused is not in the dead-letter queue");
        String reason = String.valueOf(dead.getProps().getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER));
        assertTrue(reason.contains("SQLState 23514"), reason);
        assertEquals(0, TestDb.scoreRows(mint), "the score row rolled back with its outbox row");
        assertEquals(0, TestDb.longQuery("SELECT count(*) FROM scoring.latest_scores WHERE mint = ?", mint));
        assertEquals(0, TestDb.longQuery("SELECT count(*) FROM scoring.token_inputs WHERE mint = ?", mint));

        // the same snapshot, accepted by the outbox this time: round, snapshot and event together
        bus.publish(RoutingKeys.TOKEN_METRICS, snapshot);
        JsonNode scored = awaitScore(out, mint);
        assertEquals(mint, scored.get("mint").asText());
        assertEquals(1, TestDb.scoreRows(mint));
        assertEquals(1, TestDb.longQuery("SELECT count(*) FROM scoring.latest_scores WHERE mint = ?", mint));
        assertEquals(now - 1_000, TestDb.longQuery("SELECT (extract(epoch FROM fetched_at) * 1000)::bigint "
                + "FROM scoring.token_inputs WHERE mint = ?", mint));
        assertEquals(List.of(), TestBus.drain(out, TestBus.scoreOf(mint)), "announced once");
    }

    @Test
    void aSettingsChangeWhoseOutboxRowFailsStoresNoVersion() {
        long versionsBefore = TestDb.longQuery("SELECT max(version) FROM scoring.settings_versions");
        long appliedBefore = activeSettings.current().version();
        refusePoison();
        try {
            given().contentType("application/json").header("X-Request-Id", "outbox-poison-" + UUID.randomUUID())
                    .body(Json.toBytes(Map.of("w_tx", 0.15, "w_vol", 0.35, "ewma_alpha", 0.5)))
                    .when().put("/api/settings").then().statusCode(500);
        } finally {
            TestDb.update("ALTER TABLE scoring.outbox DROP CONSTRAINT " + CONSTRAINT);
        }
        assertEquals(versionsBefore, TestDb.longQuery("SELECT max(version) FROM scoring.settings_versions"),
                "the version rolled back with its settings.updated row");
        assertEquals(appliedBefore, activeSettings.current().version(), "nothing applied");
    }
}
