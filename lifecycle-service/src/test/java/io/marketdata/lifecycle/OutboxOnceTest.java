package io.marketdata.lifecycle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.contracts.RoutingKeys;
import io.marketdata.lifecycle.consume.TokenEventsConsumer;
import io.marketdata.lifecycle.outbox.OutboxRelay;
import io.marketdata.lifecycle.settings.LifecycleSettings;
import io.marketdata.lifecycle.support.BusTest;
import io.marketdata.lifecycle.support.Mints;
import io.marketdata.lifecycle.support.Msg;
import io.marketdata.lifecycle.support.TestDb;
import io.marketdata.lifecycle.support.TestSettings;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outbox on the {@code status-events} channel: every committed transition is published once
 * (broker reachable, no failure in between), in commit order, and its row is gone once confirmed.
 */
@QuarkusTest
class OutboxOnceTest extends BusTest {

    @Inject
    TokenEventsConsumer consumer;
    @Inject
    OutboxRelay outbox;
    @Inject
    LifecycleSettings settings;

    @Test
    void everyCommittedTransitionIsPublishedExactlyOnce() {
        TestSettings.defaults(settings.follower());
        await().atMost(Duration.ofSeconds(20)).until(consumer::consuming);
        long publishedBefore = outbox.published();
        List<String> mints = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String mint = Mints.random();
            mints.add(mint);
            bus.publish(RoutingKeys.TOKEN_CREATED, Msg.created(mint));
            // over the activation thresholds: a second transition in its own transaction
            bus.publish(RoutingKeys.TOKEN_METRICS, Msg.metrics(mint, 300, Msg.tradeable(500)));
        }
        // the last mint's activation is behind every other event in the channel's queue order
        String last = mints.get(mints.size() - 1);
        bus.awaitStatusEvent(last, e -> e.newStatus().equals("active"));
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.pending() == 0
                && mints.stream().allMatch(m -> bus.statusEvents(m).size() >= 2));
        for (String mint : mints) {
            assertEquals(List.of("null→monitoring:migrated", "monitoring→active:activation"), TestDb.history(mint), mint);
            assertEquals(List.of("monitoring", "active"),
                    bus.statusEvents(mint).stream().map(r -> r.statusChanged().newStatus()).toList(), mint);
        }
        assertTrue(outbox.published() >= publishedBefore + 2L * mints.size());
    }
}
