package io.marketdata.scoring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.GetResponse;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.scoring.health.ScoringMetrics;
import io.marketdata.scoring.support.ServiceTest;
import io.marketdata.scoring.support.TestBus;
import io.marketdata.scoring.support.TestDb;
import io.marketdata.scoring.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * token.metrics in → one scoring round → a stored row and {@code score.updated} out, over the real
 * broker and database; the numbers are the README's worked example, computed by hand below.
 */
@QuarkusTest
class ScoringFlowTest extends ServiceTest {

    private static final double EPS = 1e-9;

    @Inject
    ScoringMetrics metrics;

    /** freshness = (6 − hours since migration) / 6, measured to the round's own scored_at. */
    private static double freshness(long migratedAt, long scoredAt) {
        return Math.max(0, (6.0 - (scoredAt - migratedAt) / 3_600_000.0) / 6.0);
    }

    @Test
    void workedExampleIsScoredStoredAndPublished_thenSmoothed() {
        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SCORE_UPDATED);
        String mint = Tokens.mint();
        long now = System.currentTimeMillis();
        long migratedAt = now - 3 * Tokens.HOUR_MS;

        String correlationId = bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.workedExample(mint, now - 2_000, migratedAt));
        TestBus.Received first = TestBus.await(out, TestBus.scoreOf(mint), WAIT);
        assertNotNull(first);
        assertEquals(correlationId, first.properties().getCorrelationId(), "correlation id carried through");
        JsonNode s1 = first.json();
        long scoredAt1 = s1.get("scored_at").asLong();
        double f1 = freshness(migratedAt, scoredAt1);
        assertEquals(0.5, f1, 1e-3, "about 3 h after migration");
        // tx_accel = (40/5) / (240/60) = 2; vol_momentum = 2000 / (12000/12) = 2; imbalance = 20/40 = 0.5
        JsonNode raw1 = s1.get("raw_components");
        assertEquals(2.0, raw1.get("tx_accel").asDouble(), EPS);
        assertEquals(2.0, raw1.get("vol_momentum").asDouble(), EPS);
        assertEquals(f1, raw1.get("token_freshness").asDouble(), EPS);
        assertEquals(0.5, raw1.get("orderflow_imbalance").asDouble(), EPS);
        double score1 = 0.25 * (2 + 2 + f1 + 0.5);
        assertEquals(score1, s1.get("score").asDouble(), EPS);
        assertEquals(score1, s1.get("smoothed_score").asDouble(), EPS, "first observation = itself");
        assertEquals(raw1, s1.get("smoothed_components"));
        assertEquals("ok", s1.get("data_quality").asText());
        assertEquals("hybrid_momentum", s1.get("model").asText());

        // the stored row carries everything, including what the score was computed from
        assertEquals(1, TestDb.scoreRows(mint));
        assertEquals(score1, Double.parseDouble(TestDb.stringQuery("SELECT score FROM scoring.scores WHERE mint = ?", mint)), EPS);
        assertEquals("240.0", TestDb.stringQuery("SELECT metrics_used->>'tx_1h' FROM scoring.scores WHERE mint = ?", mint));
        assertEquals(now - 2_000, TestDb.longQuery("SELECT (extract(epoch FROM fetched_at) * 1000)::bigint "
                + "FROM scoring.scores WHERE mint = ?", mint));
        assertEquals("metrics", TestDb.stringQuery("SELECT source FROM scoring.scores WHERE mint = ?", mint));
        assertEquals("[]", TestDb.stringQuery("SELECT issues::text FROM scoring.scores WHERE mint = ?", mint));
        assertEquals(now - 2_000, TestDb.longQuery("SELECT (extract(epoch FROM fetched_at) * 1000)::bigint "
                + "FROM scoring.token_inputs WHERE mint = ?", mint));

        // second snapshot: m5 = 10 buys, 10 sells, 1 000 USD → tx_accel 1, vol_momentum 1, imbalance 0
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.steady(mint, now - 1_000, migratedAt));
        JsonNode s2 = awaitScore(out, mint);
        double f2 = freshness(migratedAt, s2.get("scored_at").asLong());
        JsonNode raw2 = s2.get("raw_components");
        assertEquals(1.0, raw2.get("tx_accel").asDouble(), EPS);
        assertEquals(1.0, raw2.get("vol_momentum").asDouble(), EPS);
        assertEquals(0.0, raw2.get("orderflow_imbalance").asDouble(), EPS);
        double score2 = 0.25 * (1 + 1 + f2 + 0);
        assertEquals(score2, s2.get("score").asDouble(), EPS);
        // EWMA α = 0.3: 0.3 · new + 0.7 · previous, per component and on the score
        JsonNode smoothed2 = s2.get("smoothed_components");
        assertEquals(0.3 * 1 + 0.7 * 2, smoothed2.get("tx_accel").asDouble(), EPS);
        assertEquals(0.3 * 1 + 0.7 * 2, smoothed2.get("vol_momentum").asDouble(), EPS);
        assertEquals(0.3 * 0 + 0.7 * 0.5, smoothed2.get("orderflow_imbalance").asDouble(), EPS);
        assertEquals(0.3 * f2 + 0.7 * f1, smoothed2.get("token_freshness").asDouble(), EPS);
        assertEquals(0.3 * score2 + 0.7 * score1, s2.get("smoothed_score").asDouble(), EPS);
        assertEquals(2, TestDb.scoreRows(mint));
    }

    @Test
    void aRedeliveredSnapshotIsScoredOnce() {
        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SCORE_UPDATED);
        String mint = Tokens.mint();
        long now = System.currentTimeMillis();
        ObjectNode snapshot = Tokens.workedExample(mint, now - 5_000, now - Tokens.HOUR_MS);
        double duplicatesBefore = metrics.skippedCount("duplicate");
        double staleBefore = metrics.skippedCount("stale");

        bus.publish(RoutingKeys.TOKEN_METRICS, snapshot);
        bus.publish(RoutingKeys.TOKEN_METRICS, snapshot);
        awaitScore(out, mint);
        // a later snapshot: once it is out, both copies of the first were handled (one consumer, in order)
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.steady(mint, now - 1_000, now - Tokens.HOUR_MS));
        JsonNode later = awaitScore(out, mint);
        assertEquals(1.0, later.get("raw_components").get("tx_accel").asDouble(), EPS);

        assertEquals(List.of(), TestBus.drain(out, TestBus.scoreOf(mint)), "no second score.updated for the copy");
        assertEquals(2, TestDb.scoreRows(mint), "one row per distinct snapshot");
        assertEquals(duplicatesBefore + 1, metrics.skippedCount("duplicate"));

        // an older snapshot arriving late is stale: the token already moved on
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.steady(mint, now - 60_000, now - Tokens.HOUR_MS));
        await().atMost(WAIT).until(() -> metrics.skippedCount("stale") >= staleBefore + 1);
        assertEquals(2, TestDb.scoreRows(mint));
    }

    @Test
    void malformedAndSchemaViolatingSnapshotsAreDeadLettered_andTheNextOneIsScored() {
        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SCORE_UPDATED);
        String dlq = Topology.deadLetterQueue(consumer.queueName());
        String notJson = bus.publish(RoutingKeys.TOKEN_METRICS, "{\"mint\": oops".getBytes(StandardCharsets.UTF_8));
        ObjectNode noWindows = Tokens.workedExample(Tokens.mint(), System.currentTimeMillis(), null);
        noWindows.remove("windows");
        String invalid = bus.publish(RoutingKeys.TOKEN_METRICS, noWindows);
        String mint = Tokens.mint();
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.workedExample(mint, System.currentTimeMillis(), null));

        JsonNode scored = awaitScore(out, mint);
        // no migration time → freshness 0 and the warning
        assertEquals("warning", scored.get("data_quality").asText());
        assertEquals(0.25 * (2 + 2 + 0 + 0.5), scored.get("score").asDouble(), EPS);
        assertEquals("[\"missing_migration_time\"]",
                TestDb.stringQuery("SELECT issues::text FROM scoring.scores WHERE mint = ?", mint));

        GetResponse first = bus.deadLetter(dlq, notJson, WAIT);
        assertNotNull(first, "malformed message not dead-lettered");
        assertTrue(reason(first).startsWith("not JSON"), reason(first));
        GetResponse second = bus.deadLetter(dlq, invalid, WAIT);
        assertNotNull(second, "schema-violating message not dead-lettered");
        assertTrue(reason(second).contains("violates its schema") && reason(second).contains("windows"), reason(second));
        assertEquals("token.metrics", second.getProps().getHeaders().get("x-original-routing-key").toString());
        assertTrue(consumer.deadLettered() >= 2);
    }

    @Test
    void emptyPoolsFallBackToTheGapScore_andACriticalSnapshotToTheMedianScore() {
        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SCORE_UPDATED);
        String mint = Tokens.mint();
        long now = System.currentTimeMillis();
        long migratedAt = now - 2 * Tokens.HOUR_MS;
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.workedExample(mint, now - 10_000, migratedAt));
        JsonNode s1 = awaitScore(out, mint);
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.steady(mint, now - 9_000, migratedAt));
        JsonNode s2 = awaitScore(out, mint);
        double score1 = s1.get("score").asDouble();
        double score2 = s2.get("score").asDouble();

        // no pools listed: a temporary gap, mean(last scores) × 0.7, no components computed
        ObjectNode noPools = Tokens.steady(mint, now - 8_000, migratedAt);
        noPools.putArray("pools");
        bus.publish(RoutingKeys.TOKEN_METRICS, noPools);
        JsonNode gap = awaitScore(out, mint);
        assertEquals("fallback_gap", gap.get("data_quality").asText());
        double gapScore = (score1 + score2) / 2 * 0.7;
        assertEquals(gapScore, gap.get("score").asDouble(), EPS);
        assertEquals(0.3 * gapScore + 0.7 * s2.get("smoothed_score").asDouble(), gap.get("smoothed_score").asDouble(), EPS);
        assertEquals(0, gap.get("raw_components").size());
        assertEquals(s2.get("smoothed_components"), gap.get("smoothed_components"), "carried forward");
        assertEquals("[\"no_pools\"]", TestDb.stringQuery("SELECT issues::text FROM scoring.scores WHERE mint = ? "
                + "AND data_quality = 'fallback_gap'", mint));

        // negative buys: the schema rejects the snapshot (dead-lettered), and since the token is
        // known the round falls back to median(last scores) × 0.5 (SPEC §8)
        ObjectNode negative = Tokens.steady(mint, now - 7_000, migratedAt);
        ((ObjectNode) negative.get("windows").get("m5")).put("buys", -5);
        String cid = bus.publish(RoutingKeys.TOKEN_METRICS, negative);
        JsonNode critical = awaitScore(out, mint);
        assertEquals("fallback_critical", critical.get("data_quality").asText());
        double median = List.of(score1, score2, gapScore).stream().sorted().toList().get(1);
        assertEquals(median * 0.5, critical.get("score").asDouble(), EPS);
        assertEquals(0, critical.get("raw_components").size());
        assertEquals("[\"schema_violation\"]", TestDb.stringQuery("SELECT issues::text FROM scoring.scores WHERE mint = ? "
                + "AND data_quality = 'fallback_critical'", mint));
        assertEquals("unreadable", TestDb.stringQuery("SELECT source FROM scoring.scores WHERE mint = ? "
                + "AND data_quality = 'fallback_critical'", mint));
        GetResponse dead = bus.deadLetter(Topology.deadLetterQueue(consumer.queueName()), cid, WAIT);
        assertNotNull(dead, "the critical snapshot is dead-lettered as well");
        assertTrue(reason(dead).contains("buys"), reason(dead));
        assertEquals(4, TestDb.scoreRows(mint));
        // the bad snapshot did not replace the stored one
        assertEquals(now - 8_000, TestDb.longQuery("SELECT (extract(epoch FROM fetched_at) * 1000)::bigint "
                + "FROM scoring.token_inputs WHERE mint = ?", mint));
    }

    @Test
    void schemaViolatingSnapshotOfAnUnknownTokenIsOnlyDeadLettered() {
        String mint = Tokens.mint();
        ObjectNode negative = Tokens.steady(mint, System.currentTimeMillis(), null);
        negative.put("fdv", -1.0);
        String cid = bus.publish(RoutingKeys.TOKEN_METRICS, negative);
        GetResponse dead = bus.deadLetter(Topology.deadLetterQueue(consumer.queueName()), cid, WAIT);
        assertNotNull(dead);
        assertTrue(reason(dead).contains("fdv"), reason(dead));
        assertEquals(0, TestDb.scoreRows(mint));
        assertEquals(0, TestDb.longQuery("SELECT count(*) FROM scoring.token_inputs WHERE mint = ?", mint));
    }

    @Test
    void archivedTokensAreNotScored() {
        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SCORE_UPDATED);
        String mint = Tokens.mint();
        long now = System.currentTimeMillis();
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.workedExample(mint, now - 5_000, now - Tokens.HOUR_MS));
        awaitScore(out, mint);
        double archivedBefore = metrics.skippedCount("archived");

        bus.publish(RoutingKeys.TOKEN_STATUS_CHANGED, Tokens.statusChanged(mint, "monitoring", "archived", now));
        // an older status change arriving late does not undo it
        bus.publish(RoutingKeys.TOKEN_STATUS_CHANGED, Tokens.statusChanged(mint, null, "monitoring", now - 60_000));
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.steady(mint, now - 1_000, now - Tokens.HOUR_MS));
        await().atMost(WAIT).until(() -> metrics.skippedCount("archived") >= archivedBefore + 1);
        assertEquals("archived", TestDb.stringQuery("SELECT status FROM scoring.token_inputs WHERE mint = ?", mint));
        assertEquals(1, TestDb.scoreRows(mint));
        assertEquals(List.of(), TestBus.drain(out, TestBus.scoreOf(mint)));
    }

    private static String reason(GetResponse r) {
        Object reason = r.getProps().getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER);
        return reason == null ? "" : reason.toString();
    }
}
