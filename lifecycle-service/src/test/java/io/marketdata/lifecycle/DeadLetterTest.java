package io.marketdata.lifecycle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.lifecycle.config.LifecycleConfig;
import io.marketdata.lifecycle.consume.TokenEventsConsumer;
import io.marketdata.lifecycle.support.Mints;
import io.marketdata.lifecycle.support.Msg;
import io.marketdata.lifecycle.support.TestBus;
import io.marketdata.lifecycle.tokens.TokenQueries;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad messages go to the dead-letter queue with their reason; the queue keeps flowing. */
@QuarkusTest
class DeadLetterTest {

    static TestBus bus;

    @Inject
    TokenQueries queries;
    @Inject
    TokenEventsConsumer consumer;
    @Inject
    LifecycleConfig config;

    @BeforeAll
    static void connect() {
        bus = new TestBus();
    }

    @AfterAll
    static void disconnect() {
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void malformedAndSchemaViolatingMessagesAreDeadLetteredAndTheNextOneIsHandled() throws Exception {
        String dlq = Topology.deadLetterQueue(config.consumer().queue());
        assertEquals("lifecycle.token_events.test.dlq", dlq);
        await().atMost(Duration.ofSeconds(20)).until(consumer::consuming);
        long deadLetteredBefore = consumer.consumer().deadLettered();

        String marker = UUID.randomUUID().toString();
        bus.publish(RoutingKeys.TOKEN_METRICS, ("{\"mint\": \"" + marker + "\", oops").getBytes(StandardCharsets.UTF_8),
                "bad-json-" + marker);
        String schemaMint = Mints.random();
        bus.publish(RoutingKeys.TOKEN_METRICS, Msg.bytes(Map.of("mint", schemaMint, "fetched_at", 5)), "bad-schema-" + marker);
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
                }
            }
            return found.size() == 2;
        });
        String notJson = reason(found.get("json"));
        assertTrue(notJson.startsWith("not JSON"), notJson);
        String schema = reason(found.get("schema"));
        assertTrue(schema.startsWith("token-metrics schema violated"), schema);
        assertTrue(schema.contains("pools") && schema.contains("fetched_at"), schema);
        for (GetResponse r : found.values()) {
            assertEquals(RoutingKeys.TOKEN_METRICS, String.valueOf(r.getProps().getHeaders().get("x-original-routing-key")));
            assertEquals(config.consumer().queue(), String.valueOf(r.getProps().getHeaders().get("x-original-queue")));
            assertTrue(r.getProps().getCorrelationId().endsWith(marker), "original properties kept");
        }
        assertTrue(consumer.consumer().deadLettered() >= deadLetteredBefore + 2);
        assertTrue(queries.find(schemaMint).isEmpty());
    }

    private static String reason(GetResponse r) {
        assertNotNull(r);
        Object reason = r.getProps().getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER);
        assertNotNull(reason, "header " + Topology.DEAD_LETTER_REASON_HEADER);
        return reason.toString();
    }
}
