package io.marketdata.lifecycle.rules;

import java.util.Locale;

/** Why a valid message changed nothing (counted in {@code lifecycle_messages_ignored_total{reason}}). */
public enum Ignored {
    /** token.metrics or score.updated for a mint this service never saw created. */
    UNKNOWN_MINT,
    /** the token is archived: it leaves every rule. */
    ARCHIVED,
    /** not newer than what is stored (a redelivery, or an older snapshot/score overtaken by a newer one). */
    STALE,
    /** token.created for a mint already known. */
    DUPLICATE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
