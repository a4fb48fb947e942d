package io.marketdata.lifecycle.support;

import static org.awaitility.Awaitility.await;

import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.contracts.token.TokenMetrics;
import java.time.Duration;

/** Steps shared by the integration tests. */
public final class Scenario {

    private Scenario() {
    }

    /**
     * Publishes {@code token.created} for a new mint and, right behind it in the same queue, a first
     * snapshot (no pools, no activity) and a first score (0.9, while monitoring: no effect), both
     * dated by the test clock; waits for the creation event and for both to be applied. Foreign
     * snapshots and scores of this mint (see {@link TestClock}) can only arrive after these and are
     * then stale.
     */
    public static String create(TestBus bus, TestClock clock, StoredTokens queries) {
        String mint = Mints.random();
        TokenMetrics first = Msg.metrics(mint, 0);
        ScoreUpdated score = Msg.score(mint, 0.9, clock.millis() - 1_000);
        bus.publish(RoutingKeys.TOKEN_CREATED, Msg.created(mint));
        bus.publish(RoutingKeys.TOKEN_METRICS, first);
        bus.publish(RoutingKeys.SCORE_UPDATED, score);
        bus.awaitStatusEvent(mint, e -> e.newStatus().equals("monitoring"));
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.find(mint)
                .map(t -> t.metricsAt() != null && t.metricsAt() == first.fetchedAt()
                        && t.scoredAt() != null && t.scoredAt() == score.scoredAt())
                .orElse(false));
        return mint;
    }
}
