package io.marketdata.lifecycle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.GetResponse;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.lifecycle.config.LifecycleConfig;
import io.marketdata.lifecycle.consume.TokenEventsConsumer;
import io.marketdata.lifecycle.outbox.OutboxRelay;
import io.marketdata.lifecycle.support.BusTest;
import io.marketdata.lifecycle.support.Mints;
import io.marketdata.lifecycle.support.Msg;
import io.marketdata.lifecycle.support.TestDb;
import io.marketdata.lifecycle.support.StoredTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The database failing under the consumer (a real SQL error: the table the handler writes is
 * renamed away, SQLState 42P01, as after a bad migration or a failover to a stale replica) is retried
 * with back-off, the message neither acknowledged nor dead-lettered; once the table is back every
 * message is applied exactly once and announced exactly once through the outbox.
 */
@QuarkusTest
class DatabaseFailureTest extends BusTest {

    @Inject
    StoredTokens queries;
    @Inject
    TokenEventsConsumer consumer;
    @Inject
    OutboxRelay outbox;
    @Inject
    LifecycleConfig config;

    @Test
    void aFailingDatabaseIsRetriedAndNothingIsLost() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(consumer::consuming);
        List<String> mints = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mints.add(Mints.random());
        }
        long retriedBefore = consumer.retried();
        long deadLetteredBefore = consumer.deadLettered();
        TestDb.execute("ALTER TABLE lifecycle.tokens RENAME TO tokens_away");
        try {
            for (String mint : mints) {
                bus.publish(RoutingKeys.TOKEN_CREATED, Msg.created(mint));
            }
            // the first message fails and is retried (1 s, then 2 s...), the others wait behind it
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.retried() >= retriedBefore + 2);
        } finally {
            TestDb.execute("ALTER TABLE lifecycle.tokens_away RENAME TO tokens");
        }
        for (String mint : mints) {
            await().atMost(Duration.ofSeconds(60)).until(() -> queries.find(mint).isPresent());
            bus.awaitStatusEvent(mint, e -> e.newStatus().equals("monitoring"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.pending() == 0);
        for (String mint : mints) {
            assertEquals(List.of("null→monitoring:migrated"), TestDb.history(mint), mint);
            assertEquals(1, bus.statusEvents(mint).size(), "announced once: " + mint);
        }
        assertEquals(deadLetteredBefore, consumer.deadLettered(), "an outage is not a reason to dead-letter");
        String dlq = Topology.deadLetterQueue(config.consumer().queue());
        for (GetResponse r : bus.drain(dlq)) {
            String body = new String(r.getBody(), StandardCharsets.UTF_8);
            assertFalse(mints.stream().anyMatch(body::contains), "dead-lettered: " + body);
        }
        assertTrue(consumer.retried() >= retriedBefore + 2);
    }
}
