package io.marketdata.lifecycle.rules;

import java.util.Locale;

/** Why a transition happened; the {@code reason} of {@code token.status_changed} and of the history. */
public enum Reason {
    /** {@code token.created}: null → monitoring. */
    MIGRATED,
    /** monitoring → active: a tradeable pool with enough liquidity and enough h1 transactions. */
    ACTIVATION,
    /** active → monitoring: {@code low_activity_checks} consecutive snapshots below {@code min_tx_count}. */
    LOW_ACTIVITY,
    /** active → monitoring: smoothed score below {@code min_score} for {@code low_score_hours}. */
    LOW_SCORE,
    /** monitoring → archived: {@code archive_after_hours} without activation. */
    NO_ACTIVATION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
