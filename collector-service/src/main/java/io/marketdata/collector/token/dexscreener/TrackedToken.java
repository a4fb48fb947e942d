package io.marketdata.collector.token.dexscreener;

import io.marketdata.contracts.settings.PipelineSettings;

/**
 * One token the poller follows, as it knows it: status from {@code token.status_changed}, smoothed
 * score from {@code score.updated} (null until the first), migration time when this collector saw
 * the migration, and when DexScreener was last asked about it (0: never).
 */
public record TrackedToken(String mint, String status, Double smoothedScore, Long migratedAt, long lastFetchedAt,
        long trackedAt) {

    public static final String MONITORING = "monitoring";
    public static final String ACTIVE = "active";
    public static final String ARCHIVED = "archived";

    /** Statuses whose tokens are polled. */
    public static boolean polled(String status) {
        return MONITORING.equals(status) || ACTIVE.equals(status);
    }

    /** Hot: smoothed score at least {@code hot_score_threshold}; a token without a score yet is cold. */
    public boolean hot(PipelineSettings settings) {
        return smoothedScore != null && settings.isHot(smoothedScore);
    }

    public long intervalMillis(PipelineSettings settings) {
        return 1000L * (hot(settings) ? settings.hotIntervalSeconds() : settings.coldIntervalSeconds());
    }

    /** When the next fetch is due (epoch ms); a token never fetched is due at once. */
    public long dueAt(PipelineSettings settings) {
        return lastFetchedAt == 0 ? Long.MIN_VALUE : lastFetchedAt + intervalMillis(settings);
    }

    public TrackedToken withStatus(String newStatus) {
        return new TrackedToken(mint, newStatus, smoothedScore, migratedAt, lastFetchedAt, trackedAt);
    }

    public TrackedToken withScore(Double score) {
        return new TrackedToken(mint, status, score, migratedAt, lastFetchedAt, trackedAt);
    }

    public TrackedToken withMigratedAt(Long at) {
        return new TrackedToken(mint, status, smoothedScore, at, lastFetchedAt, trackedAt);
    }

    public TrackedToken withLastFetchedAt(long at) {
        return new TrackedToken(mint, status, smoothedScore, migratedAt, at, trackedAt);
    }
}
