package io.marketdata.scoring.model;

import io.marketdata.contracts.token.TokenMetrics;
import java.util.Objects;

/**
 * What one scoring round of one token sees. Exactly one of three kinds:
 * <ul>
 *   <li>a <b>snapshot</b> — the latest {@code token.metrics} ({@link #snapshot});</li>
 *   <li>a <b>gap</b> — no data arrived for this round ({@link #gap});</li>
 *   <li>an <b>unreadable</b> snapshot — data arrived but could not be read (wrong types, schema
 *       violation) and the mint is still known ({@link #unreadable}); scored as a critical issue.</li>
 * </ul>
 *
 * @param mint             the token
 * @param migratedAt       epoch ms of the migration ({@code token.created.migrated_at}), null if unknown;
 *                         {@code token.metrics} does not carry it, so the service keeps it per mint
 * @param scoredAt         epoch ms of this round; the freshness component is measured to it
 * @param metrics          the snapshot, null for a gap or an unreadable snapshot
 * @param unreadableReason issue code of an unreadable snapshot, otherwise null
 */
public record ScoringInput(String mint, Long migratedAt, long scoredAt, TokenMetrics metrics, String unreadableReason) {

    public ScoringInput {
        if (mint == null || mint.isBlank()) {
            throw new IllegalArgumentException("mint is required");
        }
        if (metrics != null && unreadableReason != null) {
            throw new IllegalArgumentException("a snapshot cannot also be unreadable");
        }
        if (metrics != null && !mint.equals(metrics.mint())) {
            throw new IllegalArgumentException("metrics are for " + metrics.mint() + ", not " + mint);
        }
    }

    /** A {@code token.metrics} snapshot, scored at {@code scoredAt}. */
    public static ScoringInput snapshot(TokenMetrics metrics, Long migratedAt, long scoredAt) {
        Objects.requireNonNull(metrics, "metrics");
        return new ScoringInput(metrics.mint(), migratedAt, scoredAt, metrics, null);
    }

    /** No data for this round. */
    public static ScoringInput gap(String mint, Long migratedAt, long scoredAt) {
        return new ScoringInput(mint, migratedAt, scoredAt, null, null);
    }

    /** Data arrived but could not be read; {@code reason} becomes the critical issue code. */
    public static ScoringInput unreadable(String mint, Long migratedAt, long scoredAt, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required");
        }
        return new ScoringInput(mint, migratedAt, scoredAt, null, reason);
    }

    public boolean isGap() {
        return metrics == null && unreadableReason == null;
    }

    public boolean isUnreadable() {
        return unreadableReason != null;
    }
}
