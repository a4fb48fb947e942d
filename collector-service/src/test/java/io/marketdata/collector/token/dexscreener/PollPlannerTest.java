package io.marketdata.collector.token.dexscreener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.contracts.settings.PipelineSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollPlannerTest {

    static final long NOW = 1_795_300_000_000L;
    static final PipelineSettings DEFAULTS = PipelineSettings.defaults();

    static TrackedToken token(String mint, Double score, long lastFetchedAt, long trackedAt) {
        return new TrackedToken(mint, "monitoring", score, null, lastFetchedAt, trackedAt);
    }

    @Test
    void refreshesFirstThenNeverFetchedThenMostOverdue() {
        PollPlanner planner = new PollPlanner(30, 0);
        List<TrackedToken> tracked = List.of(
                token("coldDue", 0.1, NOW - 121_000, 1),          // cold, 1 s overdue
                token("hotDue", 0.9, NOW - 40_000, 2),            // hot, 10 s overdue
                token("hotNotDue", 0.5, NOW - 10_000, 3),         // hot, due in 20 s
                token("coldNotDue", null, NOW - 100_000, 4),      // no score yet = cold, due in 20 s
                token("newer", null, 0, 20),
                token("older", null, 0, 10));
        List<List<String>> plan = planner.plan(tracked, List.of("refreshed", "hotDue"), NOW, DEFAULTS);
        assertEquals(List.of(List.of("refreshed", "hotDue", "older", "newer", "coldDue")), plan);
    }

    @Test
    void nothingDueMeansNoRequestEvenWithTokensAboutToBeDue() {
        PollPlanner planner = new PollPlanner(30, 0.2);
        assertEquals(List.of(), planner.plan(List.of(token("a", 0.9, NOW - 29_000, 1)), List.of(), NOW, DEFAULTS));
    }

    @Test
    void requestsCarryAtMostThirtyMintsAndTheLastOneIsFilledWithTokensAlmostDue() {
        PollPlanner planner = new PollPlanner(30, 0.2);
        List<TrackedToken> tracked = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tracked.add(token(String.format("due%02d", i), 0.1, NOW - 120_000 - i * 1000L, 1)); // due40..due00 most overdue first
        }
        tracked.add(token("hotSoon", 0.9, NOW - 25_000, 1));     // due in 5 s ≤ 0.2 × 30 s
        tracked.add(token("hotLater", 0.9, NOW - 20_000, 1));    // due in 10 s > 6 s
        tracked.add(token("coldSoon", 0.1, NOW - 100_000, 1));   // due in 20 s ≤ 0.2 × 120 s
        List<List<String>> plan = planner.plan(tracked, List.of(), NOW, DEFAULTS);
        assertEquals(2, plan.size());
        assertEquals(30, plan.get(0).size());
        assertEquals("due39", plan.get(0).get(0), "most overdue first");
        assertEquals(List.of("due09", "due08", "due07", "due06", "due05", "due04", "due03", "due02", "due01", "due00",
                "hotSoon", "coldSoon"), plan.get(1));
    }

    @Test
    void hotnessFollowsTheSettings() {
        PipelineSettings fast = PipelineSettings.fromMap(Map.of("hot_score_threshold", 0.5, "hot_interval_seconds", 2,
                "cold_interval_seconds", 6), List.of("hybrid_momentum")).orElseThrow();
        PollPlanner planner = new PollPlanner(30, 0);
        TrackedToken warm = token("warm", 0.4, NOW - 3_000, 1);
        TrackedToken hot = token("hot", 0.5, NOW - 3_000, 1);
        assertEquals(List.of(List.of("hot")), planner.plan(List.of(warm, hot), List.of(), NOW, fast));
        assertTrue(hot.hot(fast));
        assertEquals(6_000, warm.intervalMillis(fast));
        assertEquals(List.of(List.of("warm")), planner.plan(List.of(warm), List.of(), NOW + 3_000, fast));
    }
}
