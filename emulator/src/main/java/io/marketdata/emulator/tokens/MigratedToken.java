package io.marketdata.emulator.tokens;

/**
 * A token that has migrated: its timeless description and when it migrated.
 *
 * @param spec      the token (a pure function of seed and index)
 * @param marketMs  market time of the migration: ms of market clock ({@code tick × tick-ms}) since start
 * @param wallMs    wall-clock time of the migration, epoch ms ({@code pairCreatedAt} of its main pool)
 */
public record MigratedToken(TokenSpec spec, long marketMs, long wallMs) {

    public long index() {
        return spec.index();
    }

    public String mint() {
        return spec.mint();
    }

    /** Seconds since the migration at market time {@code nowMarketMs}. */
    public double ageSeconds(long nowMarketMs) {
        return Math.max(0, nowMarketMs - marketMs) / 1000.0;
    }
}
