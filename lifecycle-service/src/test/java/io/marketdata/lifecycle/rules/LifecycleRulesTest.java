package io.marketdata.lifecycle.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.contracts.token.PoolMetrics;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.contracts.token.WindowMetrics;
import io.marketdata.lifecycle.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules alone: thresholds at and around their edges, with a clock that only moves when told. */
class LifecycleRulesTest {

    private static final String MINT = "So11111111111111111111111111111111111111112";
    private static final Instant T0 = Instant.parse("2025-09-14T10:00:00Z");
    private static final PipelineSettings DEFAULTS = PipelineSettings.defaults();

    private final MutableClock clock = new MutableClock(T0);
    private final LifecycleRules rules = new LifecycleRules(clock);
    private long fetchSeq = T0.toEpochMilli();

    private static PipelineSettings with(Map<String, ?> changes) {
        return DEFAULTS.merge(changes, List.of(DEFAULTS.scoringModel())).orElseThrow();
    }

    private static PoolMetrics pool(double liquidity, boolean tradeable) {
        return new PoolMetrics("Pool" + (int) liquidity + (tradeable ? "t" : "b") + "1111111111111111111111111111",
                tradeable ? "raydium" : "pumpfun", tradeable ? List.of("CPMM") : List.of("bonding-curve"), liquidity, "SOL",
                "So11111111111111111111111111111111111111112", 0.001, tradeable);
    }

    private MetricsSummary snapshot(long h1Tx, PoolMetrics... pools) {
        long buys = h1Tx / 2;
        WindowMetrics h1 = new WindowMetrics(buys, h1Tx - buys, 1000);
        WindowMetrics w = new WindowMetrics(0, 0, 0);
        return MetricsSummary.of(new TokenMetrics(MINT, ++fetchSeq, 0.001, 10_000.0, List.of(pools),
                Map.of("m5", w, "h1", h1, "h6", w, "h24", w), List.of(), null));
    }

    private static TokenState monitoring(Instant since) {
        return new TokenState(MINT, Status.MONITORING, since, null, 0, null, null, null);
    }

    private static TokenState active(Instant since, int lowChecks, Double smoothed, Instant scoredAt, Instant lowScoreSince) {
        return new TokenState(MINT, Status.ACTIVE, since, null, lowChecks, smoothed, scoredAt, lowScoreSince);
    }

    @Test
    void aNewTokenStartsInMonitoringAtTheClocksTime() {
        Transition t = rules.created();
        assertEquals(new Transition(null, Status.MONITORING, Reason.MIGRATED, T0), t);
    }

    @Test
    void activatesExactlyAtBothThresholds() {
        Decisions.Metrics d = rules.onMetrics(monitoring(T0), snapshot(300, pool(500, true)), DEFAULTS);
        assertTrue(d.applied());
        assertEquals(new Transition(Status.MONITORING, Status.ACTIVE, Reason.ACTIVATION, T0), d.transition());
        assertEquals(0, d.lowActivityChecks());
    }

    @Test
    void doesNotActivateJustBelowEitherThreshold() {
        assertNull(rules.onMetrics(monitoring(T0), snapshot(300, pool(499.99, true)), DEFAULTS).transition());
        assertNull(rules.onMetrics(monitoring(T0), snapshot(299, pool(500, true)), DEFAULTS).transition());
        assertNull(rules.onMetrics(monitoring(T0), snapshot(0), DEFAULTS).transition(), "no pools at all");
    }

    @Test
    void bondingCurveLiquidityDoesNotActivate() {
        Decisions.Metrics d = rules.onMetrics(monitoring(T0), snapshot(5_000, pool(1_000_000, false)), DEFAULTS);
        assertTrue(d.applied());
        assertNull(d.transition());
        // one tradeable pool enough, beside the bonding curve
        assertEquals(Status.ACTIVE, rules.onMetrics(monitoring(T0), snapshot(5_000, pool(1_000_000, false), pool(600, true)),
                DEFAULTS).transition().to());
    }

    @Test
    void liquidityCountsPerPoolNotSummed() {
        MetricsSummary two = snapshot(400, pool(300, true), pool(299, true));
        assertEquals(300, two.bestTradeableLiquidity());
        assertEquals(599, two.tradeableLiquidity());
        assertNull(rules.onMetrics(monitoring(T0), two, DEFAULTS).transition());
    }

    @Test
    void poolWithoutLiquidityFigureDoesNotActivate() {
        PoolMetrics unknown = new PoolMetrics("PoolUnknown111111111111111111111111", "raydium", List.of(), null, "SOL", null,
                null, true);
        assertNull(rules.onMetrics(monitoring(T0), snapshot(1_000, unknown), DEFAULTS).transition());
    }

    @Test
    void tenConsecutiveLowActivityChecksDeactivateNineDoNot() {
        TokenState s = active(T0, 0, 0.9, null, null);
        for (int i = 1; i <= 9; i++) {
            Decisions.Metrics d = rules.onMetrics(s, snapshot(299, pool(10_000, true)), DEFAULTS);
            assertNull(d.transition(), "check " + i);
            assertEquals(i, d.lowActivityChecks());
            s = active(T0, d.lowActivityChecks(), 0.9, null, null);
        }
        clock.advance(Duration.ofMinutes(20));
        Decisions.Metrics tenth = rules.onMetrics(s, snapshot(299, pool(10_000, true)), DEFAULTS);
        assertEquals(new Transition(Status.ACTIVE, Status.MONITORING, Reason.LOW_ACTIVITY, clock.instant()), tenth.transition());
        assertEquals(0, tenth.lowActivityChecks());
    }

    @Test
    void anActiveSnapshotResetsTheLowActivityCounter() {
        Decisions.Metrics d = rules.onMetrics(active(T0, 9, null, null, null), snapshot(300, pool(1, true)), DEFAULTS);
        assertNull(d.transition());
        assertEquals(0, d.lowActivityChecks(), "liquidity does not matter once active, transactions do");
    }

    @Test
    void settingsApplyAtTheNextDecision() {
        PipelineSettings fewerChecks = with(Map.of("low_activity_checks", 3));
        assertEquals(Status.MONITORING, rules.onMetrics(active(T0, 5, null, null, null), snapshot(10), fewerChecks)
                .transition().to(), "counter already above the lowered limit");
        PipelineSettings lowTx = with(Map.of("min_tx_count", 50, "min_liquidity_usd", 100.0));
        assertEquals(Status.ACTIVE, rules.onMetrics(monitoring(T0), snapshot(50, pool(100, true)), lowTx).transition().to());
        assertNull(rules.onMetrics(monitoring(T0), snapshot(50, pool(100, true)), DEFAULTS).transition());
    }

    @Test
    void staleOrRepeatedSnapshotsAndArchivedTokensAreIgnored() {
        MetricsSummary m = snapshot(300, pool(500, true));
        TokenState seen = new TokenState(MINT, Status.MONITORING, T0, m.fetchedAt(), 0, null, null, null);
        assertEquals(Ignored.STALE, rules.onMetrics(seen, m, DEFAULTS).ignored(), "a redelivery changes nothing");
        TokenState archived = new TokenState(MINT, Status.ARCHIVED, T0, null, 0, null, null, null);
        assertEquals(Ignored.ARCHIVED, rules.onMetrics(archived, snapshot(10_000, pool(1e6, true)), DEFAULTS).ignored());
    }

    @Test
    void lowScoreSinceIsTheFirstLowScoreOfAnActiveToken() {
        Instant first = T0.plusSeconds(60);
        Decisions.Score d1 = rules.onScore(active(T0, 0, null, null, null), first, 0.49, DEFAULTS);
        assertEquals(first, d1.lowScoreSince());
        Decisions.Score d2 = rules.onScore(active(T0, 0, 0.49, first, first), first.plusSeconds(60), 0.2, DEFAULTS);
        assertEquals(first, d2.lowScoreSince(), "a later low score keeps the start");
        Decisions.Score d3 = rules.onScore(active(T0, 0, 0.2, first.plusSeconds(60), first), first.plusSeconds(120), 0.5, DEFAULTS);
        assertTrue(d3.applied());
        assertNull(d3.lowScoreSince(), "a score at min_score clears it");
    }

    @Test
    void scoresOfMonitoringTokensAreStoredWithoutLowScoreClock() {
        Decisions.Score d = rules.onScore(monitoring(T0), T0.plusSeconds(5), 0.1, DEFAULTS);
        assertTrue(d.applied());
        assertNull(d.lowScoreSince());
    }

    @Test
    void olderScoresAndArchivedTokensAreIgnored() {
        Instant at = T0.plusSeconds(60);
        assertEquals(Ignored.STALE, rules.onScore(active(T0, 0, 0.9, at, null), at, 0.1, DEFAULTS).ignored());
        assertEquals(Ignored.STALE, rules.onScore(active(T0, 0, 0.9, at, null), at.minusMillis(1), 0.1, DEFAULTS).ignored());
        TokenState archived = new TokenState(MINT, Status.ARCHIVED, T0, null, 0, null, null, null);
        assertEquals(Ignored.ARCHIVED, rules.onScore(archived, at, 0.9, DEFAULTS).ignored());
    }

    @Test
    void sixHoursBelowMinScoreDeactivates() {
        Instant since = T0;
        TokenState s = active(T0.minus(Duration.ofDays(1)), 0, 0.3, since.plusSeconds(3600), since);
        clock.set(since.plus(Duration.ofHours(6)).minusMillis(1));
        assertEquals(Optional.empty(), rules.onCheck(s, DEFAULTS));
        clock.set(since.plus(Duration.ofHours(6)));
        assertEquals(Optional.of(new Transition(Status.ACTIVE, Status.MONITORING, Reason.LOW_SCORE, clock.instant())),
                rules.onCheck(s, DEFAULTS));
    }

    @Test
    void aLoweredMinScoreSparesATokenAlreadyCounting() {
        TokenState s = active(T0, 0, 0.3, T0, T0);
        clock.set(T0.plus(Duration.ofHours(7)));
        assertEquals(Optional.empty(), rules.onCheck(s, with(Map.of("min_score", 0.2))));
        assertTrue(rules.onCheck(s, with(Map.of("low_score_hours", 0.5))).isPresent(), "fractional hours");
    }

    @Test
    void twentyFourHoursWithoutActivationArchives() {
        TokenState s = monitoring(T0);
        clock.set(T0.plus(Duration.ofHours(24)).minusMillis(1));
        assertEquals(Optional.empty(), rules.onCheck(s, DEFAULTS));
        clock.set(T0.plus(Duration.ofHours(24)));
        assertEquals(Optional.of(new Transition(Status.MONITORING, Status.ARCHIVED, Reason.NO_ACTIVATION, clock.instant())),
                rules.onCheck(s, DEFAULTS));
    }

    @Test
    void onlyMonitoringTokensAreArchivedAndArchivedOnesLeaveEveryCheck() {
        clock.set(T0.plus(Duration.ofDays(30)));
        assertEquals(Optional.empty(), rules.onCheck(active(T0, 0, 0.9, T0, null), DEFAULTS));
        TokenState archived = new TokenState(MINT, Status.ARCHIVED, T0, null, 0, 0.1, T0, T0);
        assertEquals(Optional.empty(), rules.onCheck(archived, DEFAULTS));
    }

    @Test
    void theArchiveClockRestartsWithEveryReturnToMonitoring() {
        // deactivated 23 h ago after a day of activity: not archived yet
        Instant returned = T0;
        clock.set(returned.plus(Duration.ofHours(23)));
        assertEquals(Optional.empty(), rules.onCheck(monitoring(returned), DEFAULTS));
    }

    @Test
    void aFullLifeFollowsTheSeedScenarios() {
        List<Transition> life = new ArrayList<>();
        life.add(rules.created());
        TokenState s = monitoring(clock.instant());
        clock.advance(Duration.ofHours(2));
        Transition activation = rules.onMetrics(s, snapshot(800, pool(2_000, true)), DEFAULTS).transition();
        life.add(activation);
        s = active(activation.at(), 0, null, null, null);
        clock.advance(Duration.ofMinutes(1));
        Decisions.Score low = rules.onScore(s, clock.instant(), 0.1, DEFAULTS);
        s = active(activation.at(), 0, 0.1, clock.instant(), low.lowScoreSince());
        clock.advance(Duration.ofHours(6));
        Transition lowScore = rules.onCheck(s, DEFAULTS).orElseThrow();
        life.add(lowScore);
        s = monitoring(lowScore.at());
        clock.advance(Duration.ofHours(24));
        life.add(rules.onCheck(s, DEFAULTS).orElseThrow());
        assertEquals(List.of(Reason.MIGRATED, Reason.ACTIVATION, Reason.LOW_SCORE, Reason.NO_ACTIVATION),
                life.stream().map(Transition::reason).toList());
        assertFalse(life.stream().anyMatch(t -> t.at() == null));
    }
}
