package io.marketdata.lifecycle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.token.TokenCreated;
import io.marketdata.lifecycle.config.LifecycleConfig;
import io.marketdata.lifecycle.consume.TokenEventsConsumer;
import io.marketdata.lifecycle.support.BusTest;
import io.marketdata.lifecycle.support.Mints;
import io.marketdata.lifecycle.support.Msg;
import io.marketdata.lifecycle.support.TestDb;
import io.marketdata.lifecycle.support.StoredTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad messages go to the dead-letter queue with their reason (the copy {@code Deliveries} publishes on the
 * {@code dead-letters} channel); the queue keeps flowing: the next good message is applied.
 */
@QuarkusTest
class DeadLetterTest extends BusTest {

    @Inject
    StoredTokens queries;
    @Inject
    TokenEventsConsumer consumer;
    @Inject
    LifecycleConfig config;

    @Test
    void malformedAndSchemaViolatingMessagesAreDeadLetteredAndTheNextOneIsHandled() throws Exception {
        String dlq = Topology.deadLetterQueue(config.consumer().queue());
        assertEquals("lifecycle.token_events.test.dlq", dlq);
        await().atMost(Duration.ofSeconds(20)).until(consumer::consuming);
        long deadLetteredBefore = consumer.deadLettered();

        String marker = UUID.randomUUID().toString();
        bus.publish(RoutingKeys.TOKEN_METRICS, ("{\"mint\": \"" + marker + "\", oops").getBytes(StandardCharsets.UTF_8),
                "bad-json-" + marker);
        String schemaMint = Mints.random();
        bus.publish(RoutingKeys.TOKEN_METRICS, Msg.bytes(Map.of("mint", schemaMint, "fetched_at", 5)), "bad-schema-" + marker);
        // valid JSON and schema, but PostgreSQL refuses a NUL in text: SQLState 22021, the same every time
        String nulMint = Mints.random();
        TokenCreated nul = Msg.created(nulMint);
        bus.publish(RoutingKeys.TOKEN_CREATED, Msg.bytes(new TokenCreated(nul.mint(), "nul\u0000name", nul.symbol(),
                nul.signature(), nul.venue(), nul.migratedAt())), "nul-byte-" + marker);
        String good = Mints.random();
        bus.publish(RoutingKeys.TOKEN_CREATED, Msg.created(good));

        await().atMost(Duration.ofSeconds(20)).until(() -> queries.find(good).isPresent());

        // the dead-letter queue is this service's own; other producers' bad messages may be in it too
        Map<String, GetResponse> found = new HashMap<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (GetResponse r : bus.drain(dlq)) {
                String body = new String(r.getBody(), StandardCharsets.UTF_8);
                if (body.contains(marker)) {
                    found.put("json", r);
                } else if (body.contains(schemaMint)) {
                    found.put("schema", r);
                } else if (body.contains(nulMint)) {
                    found.put("nul", r);
                }
            }
            return found.size() == 3;
        });
        String notJson = reason(found.get("json"));
        assertTrue(notJson.startsWith("not JSON"), notJson);
        String schema = reason(found.get("schema"));
        assertTrue(schema.startsWith("token-metrics schema violated"), schema);
        assertTrue(schema.contains("pools") && schema.contains("fetched_at"), schema);
        String nulReason = reason(found.get("nul"));
        assertTrue(nulReason.contains("SQLState 22021"), nulReason);
        assertEquals(RoutingKeys.TOKEN_CREATED,
                String.valueOf(found.get("nul").getProps().getHeaders().get("x-original-routing-key")));
        assertEquals(RoutingKeys.TOKEN_METRICS,
                String.valueOf(found.get("json").getProps().getHeaders().get("x-original-routing-key")));
        assertEquals(RoutingKeys.TOKEN_METRICS,
                String.valueOf(found.get("schema").getProps().getHeaders().get("x-original-routing-key")));
        for (GetResponse r : found.values()) {
            assertEquals(config.consumer().queue(), String.valueOf(r.getProps().getHeaders().get("x-original-queue")));
            assertTrue(r.getProps().getCorrelationId().endsWith(marker), "original properties kept");
        }
        assertTrue(consumer.deadLettered() >= deadLetteredBefore + 3);
        assertTrue(queries.find(schemaMint).isEmpty());
        assertTrue(queries.find(nulMint).isEmpty());
        assertTrue(TestDb.history(nulMint).isEmpty(), "the refused transaction left nothing");
    }

    private static String reason(GetResponse r) {
        assertNotNull(r);
        Object reason = r.getProps().getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER);
        assertNotNull(reason, "header " + Topology.DEAD_LETTER_REASON_HEADER);
        return reason.toString();
    }
}
