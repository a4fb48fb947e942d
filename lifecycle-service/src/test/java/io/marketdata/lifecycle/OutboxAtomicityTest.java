package io.marketdata.lifecycle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.lifecycle.config.LifecycleConfig;
import io.marketdata.lifecycle.consume.TokenEventsConsumer;
import io.marketdata.lifecycle.support.BusTest;
import io.marketdata.lifecycle.support.Mints;
import io.marketdata.lifecycle.support.Msg;
import io.marketdata.lifecycle.support.Scenario;
import io.marketdata.lifecycle.support.StoredTokens;
import io.marketdata.lifecycle.support.TestClock;
import io.marketdata.lifecycle.support.TestDb;
import io.marketdata.lifecycle.support.TestSettings;
import io.marketdata.lifecycle.settings.LifecycleSettings;
import io.marketdata.lifecycle.tokens.TokenView;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox row goes through the reactive session of the transition: when its insert fails (here a
 * CHECK constraint on {@code lifecycle.outbox} refuses it, SQLState 23514), the transition, its snapshot
 * and its history row roll back with it: no activation stored, none announced. The message is
 * dead-lettered (class 23, the same every time); the same activation once the outbox accepts rows again
 * commits and is announced once.
 */
@QuarkusTest
class OutboxAtomicityTest extends BusTest {

    private static final String CONSTRAINT = "outbox_refuses_poison_test";
    @Inject
    StoredTokens queries;
    @Inject
    TestClock clock;
    @Inject
    LifecycleSettings settings;
    @Inject
    TokenEventsConsumer consumer;
    @Inject
    LifecycleConfig config;

    @AfterAll
    static void dropConstraint() {
        TestDb.execute("ALTER TABLE lifecycle.outbox DROP CONSTRAINT IF EXISTS " + CONSTRAINT);
    }

    @Test
    void aTransitionWhoseOutboxRowFailsLeavesNeither() {
        TestSettings.defaults(settings.follower());
        await().atMost(Duration.ofSeconds(20)).until(consumer::consuming);
        String mint = Scenario.create(bus, clock, queries);
        TokenView before = queries.find(mint).orElseThrow();
        String poison = "outbox-poison-" + UUID.randomUUID();
        TokenMetrics activation = Msg.metrics(mint, 300, Msg.tradeable(500));
        TestDb.execute("ALTER TABLE lifecycle.outbox ADD CONSTRAINT " + CONSTRAINT
                + " CHECK (correlation_id IS NULL OR correlation_id NOT LIKE 'outbox-poison-%')");
        GetResponse deadLetter;
        try {
            bus.publish(RoutingKeys.TOKEN_METRICS, Msg.bytes(activation), poison);
            String dlq = Topology.deadLetterQueue(config.consumer().queue());
            deadLetter = await().atMost(Duration.ofSeconds(20)).until(() -> bus.drain(dlq).stream()
                    .filter(r -> new String(r.getBody(), StandardCharsets.UTF_8).contains(mint)).findFirst().orElse(null),
                    r -> r != null);
        } finally {
            TestDb.execute("ALTER TABLE lifecycle.outbox DROP CONSTRAINT " + CONSTRAINT);
        }
        String reason = String.valueOf(deadLetter.getProps().getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER));
        assertTrue(reason.contains("SQLState 23514"), reason);

        // a later message of the same queue, announced through the outbox: everything committed before it is out
        String later = Mints.random();
        bus.publish(RoutingKeys.TOKEN_CREATED, Msg.created(later));
        bus.awaitStatusEvent(later, e -> e.newStatus().equals("monitoring"));
        TokenView after = queries.find(mint).orElseThrow();
        assertEquals("monitoring", after.status());
        assertEquals(before.metricsAt(), after.metricsAt(), "the snapshot rolled back with the transition");
        assertEquals(before.statusSince(), after.statusSince());
        assertEquals(List.of("null→monitoring:migrated"), TestDb.history(mint));
        assertEquals(List.of("monitoring"), bus.statusEvents(mint).stream().map(r -> r.statusChanged().newStatus()).toList());

        // the same activation, accepted by the outbox this time: transition, history and event together
        TokenMetrics again = Msg.metrics(mint, 300, Msg.tradeable(500));
        bus.publish(RoutingKeys.TOKEN_METRICS, again);
        bus.awaitStatusEvent(mint, e -> e.newStatus().equals("active"));
        assertEquals("active", queries.find(mint).orElseThrow().status());
        assertEquals(List.of("null→monitoring:migrated", "monitoring→active:activation"), TestDb.history(mint));
        assertEquals(List.of("monitoring", "active"),
                bus.statusEvents(mint).stream().map(r -> r.statusChanged().newStatus()).toList());
    }
}
