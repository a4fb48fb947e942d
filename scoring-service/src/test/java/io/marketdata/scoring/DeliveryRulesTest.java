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
import io.marketdata.scoring.support.ServiceTest;
import io.marketdata.scoring.support.TestBus;
import io.marketdata.scoring.support.TestDb;
import io.marketdata.scoring.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * The settling rules of the {@code token-events} channel (io.marketdata.messaging.Deliveries) on this
 * service's real queue, database and outbox: what PostgreSQL refuses is dead-lettered with the reason
 * and the queue keeps draining; a database failure is retried in place until it is applied; every
 * committed round is announced exactly once.
 */
@QuarkusTest
class DeliveryRulesTest extends ServiceTest {

    @Test
    void aNulCharacterPostgresqlRefusesIsDeadLetteredWithTheReason_andTheNextSnapshotIsScored() {
        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SCORE_UPDATED);
        long deadBefore = consumer.deadLettered();
        String poisoned = Tokens.mint();
        long now = System.currentTimeMillis();
        ObjectNode nul = Tokens.workedExample(poisoned, now, now - Tokens.HOUR_MS);
        // valid for the schema (dex is any string); the snapshot is kept as jsonb, which cannot hold U+0000
        ((ObjectNode) nul.get("pools").get(0)).put("dex", "pump\u0000swap");
        String cid = bus.publish(RoutingKeys.TOKEN_METRICS, nul);
        String next = Tokens.mint();
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.workedExample(next, now, now - Tokens.HOUR_MS));

        JsonNode scored = awaitScore(out, next);
        assertEquals(next, scored.get("mint").asText());
        assertEquals(1, TestDb.scoreRows(next));

        GetResponse dead = bus.deadLetter(Topology.deadLetterQueue(consumer.queueName()), cid, WAIT);
        assertNotNull(dead, "the snapshot PostgreSQL refused is not in the dead-letter queue");
        String reason = dead.getProps().getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER).toString();
        assertTrue(reason.startsWith("PostgreSQL refused it (SQLState 22"), reason);
        assertEquals(RoutingKeys.TOKEN_METRICS, dead.getProps().getHeaders().get(Topology.ORIGINAL_ROUTING_KEY_HEADER).toString());
        assertEquals(consumer.queueName(), dead.getProps().getHeaders().get(Topology.ORIGINAL_QUEUE_HEADER).toString());
        assertEquals(cid, dead.getProps().getCorrelationId());
        assertTrue(new String(dead.getBody(), java.nio.charset.StandardCharsets.UTF_8).contains("pump\\u0000swap"),
                "the dead letter carries the original body");
        // the transaction was rolled back: nothing of the refused snapshot is stored
        assertEquals(0, TestDb.scoreRows(poisoned));
        assertEquals(0, TestDb.longQuery("SELECT count(*) FROM scoring.token_inputs WHERE mint = ?", poisoned));
        assertTrue(consumer.deadLettered() >= deadBefore + 1);
    }

    @Test
    void aNulByteInTheCorrelationIdIsRefusedByPostgresql_22021_andDeadLettered() {
        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SCORE_UPDATED);
        String mint = Tokens.mint();
        long now = System.currentTimeMillis();
        // the correlation id is stored in a text column (scoring.outbox.correlation_id), which cannot hold 0x00
        String cid = "test-nul-\u0000-" + mint;
        bus.publish(RoutingKeys.TOKEN_METRICS, io.marketdata.contracts.Json.toBytes(
                Tokens.workedExample(mint, now, now - Tokens.HOUR_MS)), cid);
        String next = Tokens.mint();
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.workedExample(next, now, now - Tokens.HOUR_MS));

        awaitScore(out, next);
        GetResponse dead = bus.deadLetter(Topology.deadLetterQueue(consumer.queueName()), cid, WAIT);
        assertNotNull(dead, "the message PostgreSQL refused is not in the dead-letter queue");
        String reason = dead.getProps().getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER).toString();
        assertTrue(reason.startsWith("PostgreSQL refused it (SQLState 22021)"), reason);
        assertEquals(0, TestDb.scoreRows(mint), "the round was rolled back");
        assertEquals(1, TestDb.scoreRows(next));
    }

    @Test
    void aDatabaseFailureIsRetriedInPlace_andTheSnapshotIsAppliedOnceItIsBack() {
        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SCORE_UPDATED);
        String mint = Tokens.mint();
        long now = System.currentTimeMillis();
        long retriedBefore = consumer.retried();
        long deadBefore = consumer.deadLettered();
        // a real SQL error on every attempt (42P01 undefined table: not the message's fault) until it is renamed back
        TestDb.update("ALTER TABLE scoring.token_inputs RENAME TO token_inputs_away");
        String cid;
        try {
            cid = bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.workedExample(mint, now - 2_000, now - Tokens.HOUR_MS));
            await().atMost(WAIT).until(() -> consumer.retried() >= retriedBefore + 2);
            assertEquals(0, TestDb.scoreRows(mint), "nothing applied while the table is away");
            assertEquals(deadBefore, consumer.deadLettered(), "a database failure is not the message's fault");
        } finally {
            TestDb.update("ALTER TABLE scoring.token_inputs_away RENAME TO token_inputs");
        }
        JsonNode scored = awaitScore(out, mint);
        assertEquals(mint, scored.get("mint").asText());
        assertEquals(1, TestDb.scoreRows(mint));
        assertEquals(now - 2_000, TestDb.longQuery("SELECT (extract(epoch FROM fetched_at) * 1000)::bigint "
                + "FROM scoring.token_inputs WHERE mint = ?", mint));
        // the next message of the queue comes after it, and the retried one was never dead-lettered
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.steady(mint, now - 1_000, now - Tokens.HOUR_MS));
        awaitScore(out, mint);
        assertEquals(2, TestDb.scoreRows(mint));
        assertEquals(deadBefore, consumer.deadLettered());
        assertTrue(cid.startsWith("test-"));
    }

    @Test
    void everyCommittedRoundIsPublishedExactlyOnce() {
        BlockingQueue<TestBus.Received> out = bus.subscribe(RoutingKeys.SCORE_UPDATED);
        String mint = Tokens.mint();
        long now = System.currentTimeMillis();
        int rounds = 10;
        for (int i = 0; i < rounds; i++) {
            bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.steady(mint, now - 60_000 + i * 1_000L, now - Tokens.HOUR_MS));
        }
        // then a distinguishable round (tx_accel 2 instead of 1): the relay publishes in outbox order on one
        // channel, so every copy of the first rounds arrives before it
        await().atMost(WAIT).until(() -> TestDb.scoreRows(mint) == rounds);
        bus.publish(RoutingKeys.TOKEN_METRICS, Tokens.workedExample(mint, now, now - Tokens.HOUR_MS));
        List<JsonNode> before = new ArrayList<>();
        while (true) {
            JsonNode s = awaitScore(out, mint);
            if (s.get("raw_components").get("tx_accel").asDouble() == 2.0) {
                break;
            }
            before.add(s);
        }
        assertEquals(rounds, before.size(), "one score.updated per committed round");
        assertEquals(rounds + 1, TestDb.scoreRows(mint));
        for (JsonNode s : before) {
            assertEquals(1.0, s.get("raw_components").get("tx_accel").asDouble());
        }
        await().atMost(WAIT).until(() -> TestDb.longQuery("SELECT count(*) FROM scoring.outbox WHERE "
                + "convert_from(body, 'UTF8') LIKE ?", "%" + mint + "%") == 0);
        assertEquals(List.of(), TestBus.drain(out, TestBus.scoreOf(mint)), "a committed round published twice");
    }
}
