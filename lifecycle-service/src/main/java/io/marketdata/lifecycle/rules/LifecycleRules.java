package io.marketdata.lifecycle.rules;

import io.marketdata.contracts.settings.PipelineSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The lifecycle rules of SPEC §7 and the seeds ("ToTheMoon2" §6, scenarios 1, 2, 5, 6), as pure
 * functions of a token's state, the input and the current {@link PipelineSettings}; the only
 * outside input is the {@link Clock}. No I/O: the caller loads the state (locked), applies the
 * decision and records the transition.
 *
 * <ul>
 *   <li>{@code token.created} → {@code monitoring} ({@link #created}).</li>
 *   <li>{@code monitoring} → {@code active} when a tradeable pool has {@code liquidity_usd ≥ min_liquidity_usd}
 *       and h1 transactions ≥ {@code min_tx_count} ({@link #onMetrics}).</li>
 *   <li>{@code active} → {@code monitoring} after {@code low_activity_checks} consecutive snapshots with
 *       h1 transactions &lt; {@code min_tx_count} ({@link #onMetrics}), or when the smoothed score has
 *       been below {@code min_score} since at least {@code low_score_hours} ({@link #onScore} remembers
 *       since when, {@link #onCheck} decides).</li>
 *   <li>{@code monitoring} → {@code archived} when it has been monitoring for {@code archive_after_hours}
 *       ({@link #onCheck}); archived tokens are ignored by every rule.</li>
 * </ul>
 * Every transition restarts {@code status_since} and clears both counters.
 */
public final class LifecycleRules {

    private final Clock clock;

    public LifecycleRules(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The first status of a new token. */
    public Transition created() {
        return new Transition(null, Status.MONITORING, Reason.MIGRATED, now());
    }

    /** True when a snapshot meets the activation thresholds. */
    public static boolean activates(MetricsSummary m, PipelineSettings p) {
        return m.bestTradeableLiquidity() >= p.minLiquidityUsd() && m.h1Transactions() >= p.minTxCount();
    }

    /** A {@code token.metrics} snapshot for a known token. */
    public Decisions.Metrics onMetrics(TokenState s, MetricsSummary m, PipelineSettings p) {
        if (s.status() == Status.ARCHIVED) {
            return Decisions.Metrics.ignore(Ignored.ARCHIVED);
        }
        if (s.metricsAt() != null && !m.fetchedAt().isAfter(s.metricsAt())) {
            return Decisions.Metrics.ignore(Ignored.STALE);
        }
        if (s.status() == Status.MONITORING) {
            if (activates(m, p)) {
                return Decisions.Metrics.apply(0, new Transition(Status.MONITORING, Status.ACTIVE, Reason.ACTIVATION, now()));
            }
            return Decisions.Metrics.apply(0, null);
        }
        // active
        if (m.h1Transactions() >= p.minTxCount()) {
            return Decisions.Metrics.apply(0, null);
        }
        int count = s.lowActivityChecks() + 1;
        if (count >= p.lowActivityChecks()) {
            return Decisions.Metrics.apply(0, new Transition(Status.ACTIVE, Status.MONITORING, Reason.LOW_ACTIVITY, now()));
        }
        return Decisions.Metrics.apply(count, null);
    }

    /** A {@code score.updated} for a known token. */
    public Decisions.Score onScore(TokenState s, Instant scoredAt, double smoothedScore, PipelineSettings p) {
        if (s.status() == Status.ARCHIVED) {
            return Decisions.Score.ignore(Ignored.ARCHIVED);
        }
        if (s.scoredAt() != null && !scoredAt.isAfter(s.scoredAt())) {
            return Decisions.Score.ignore(Ignored.STALE);
        }
        if (s.status() != Status.ACTIVE || !(smoothedScore < p.minScore())) {
            return Decisions.Score.apply(null);
        }
        return Decisions.Score.apply(s.lowScoreSince() != null ? s.lowScoreSince() : scoredAt);
    }

    /** The time-based rules, for the periodic check. */
    public Optional<Transition> onCheck(TokenState s, PipelineSettings p) {
        Instant now = now();
        if (s.status() == Status.ACTIVE && s.lowScoreSince() != null && s.smoothedScore() != null
                && s.smoothedScore() < p.minScore() && !s.lowScoreSince().isAfter(lowScoreCutoff(now, p))) {
            return Optional.of(new Transition(Status.ACTIVE, Status.MONITORING, Reason.LOW_SCORE, now));
        }
        if (s.status() == Status.MONITORING && !s.statusSince().isAfter(archiveCutoff(now, p))) {
            return Optional.of(new Transition(Status.MONITORING, Status.ARCHIVED, Reason.NO_ACTIVATION, now));
        }
        return Optional.empty();
    }

    /** Active tokens below {@code min_score} since this instant or earlier go back to monitoring. */
    public static Instant lowScoreCutoff(Instant now, PipelineSettings p) {
        return now.minus(hours(p.lowScoreHours()));
    }

    /** Monitoring tokens since this instant or earlier are archived. */
    public static Instant archiveCutoff(Instant now, PipelineSettings p) {
        return now.minus(hours(p.archiveAfterHours()));
    }

    static Duration hours(double hours) {
        return Duration.ofMillis(Math.round(hours * 3_600_000d));
    }
}
