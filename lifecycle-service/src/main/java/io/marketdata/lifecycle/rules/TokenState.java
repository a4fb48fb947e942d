package io.marketdata.lifecycle.rules;

import java.time.Instant;

/**
 * What the rules need to know of one token.
 *
 * @param statusSince        time of the last transition (creation included)
 * @param metricsAt          {@code fetched_at} of the latest applied snapshot, null before the first
 * @param lowActivityChecks  consecutive snapshots below {@code min_tx_count} while active
 * @param smoothedScore      latest smoothed score, null before the first
 * @param scoredAt           {@code scored_at} of that score
 * @param lowScoreSince      first {@code scored_at} of the current run of scores below {@code min_score} while active
 */
public record TokenState(
        String mint,
        Status status,
        Instant statusSince,
        Instant metricsAt,
        int lowActivityChecks,
        Double smoothedScore,
        Instant scoredAt,
        Instant lowScoreSince) {

    /** A token just created. */
    public static TokenState created(String mint, Instant at) {
        return new TokenState(mint, Status.MONITORING, at, null, 0, null, null, null);
    }
}
