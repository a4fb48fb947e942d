package io.marketdata.lifecycle.tokens;

import io.marketdata.lifecycle.rules.Status;
import io.marketdata.lifecycle.rules.TokenState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A row of {@code lifecycle.tokens} (Flyway's V1 is the schema; Hibernate never generates it).
 * Status changes do not go through this entity's dirty checking but through the conditional
 * {@code update … where mint = ? and status = ?} of {@link TokenStore#transition}; {@link DynamicUpdate}
 * makes a flush write only the columns that changed, so a flushed snapshot or score never carries a
 * stale status along.
 */
@Entity
@Table(name = "tokens", schema = "lifecycle")
@DynamicUpdate
public class Token extends PanacheEntityBase {

    @Id
    @Column(name = "mint")
    public String mint;
    @Column(name = "name")
    public String name;
    @Column(name = "symbol")
    public String symbol;
    @Column(name = "signature")
    public String signature;
    @Column(name = "venue")
    public String venue;
    @Column(name = "migrated_at")
    public Instant migratedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** {@code monitoring}, {@code active} or {@code archived} ({@link Status#wire()}). */
    @Column(name = "status")
    public String status;
    @Column(name = "status_since")
    public Instant statusSince;
    @Column(name = "activated_at")
    public Instant activatedAt;
    @Column(name = "archived_at")
    public Instant archivedAt;
    @Column(name = "metrics_at")
    public Instant metricsAt;
    @Column(name = "h1_tx_count")
    public Long h1TxCount;
    @Column(name = "h1_volume_usd")
    public Double h1VolumeUsd;
    @Column(name = "liquidity_usd")
    public Double liquidityUsd;
    @Column(name = "price_usd")
    public Double priceUsd;
    @Column(name = "fdv")
    public Double fdv;
    @Column(name = "low_activity_checks")
    public int lowActivityChecks;
    @Column(name = "score_model")
    public String scoreModel;
    @Column(name = "score")
    public Double score;
    @Column(name = "smoothed_score")
    public Double smoothedScore;
    @Column(name = "scored_at")
    public Instant scoredAt;
    @Column(name = "low_score_since")
    public Instant lowScoreSince;

    /** What the rules read of this token. */
    public TokenState state() {
        return new TokenState(mint, Status.fromWire(status), statusSince, metricsAt, lowActivityChecks, smoothedScore,
                scoredAt, lowScoreSince);
    }

    /** The API's view, with the token's pool counts. */
    public TokenView view(long poolCount, long activePoolCount) {
        return new TokenView(mint, name, symbol, signature, venue, epochMs(migratedAt), epochMs(createdAt),
                epochMs(updatedAt), status, epochMs(statusSince), epochMs(activatedAt), epochMs(archivedAt), scoreModel,
                score, smoothedScore, epochMs(scoredAt), epochMs(lowScoreSince), epochMs(metricsAt), h1TxCount,
                h1VolumeUsd, liquidityUsd, priceUsd, fdv, lowActivityChecks, (int) poolCount, (int) activePoolCount);
    }

    static Long epochMs(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    /** Non-finite values are stored as null (PostgreSQL would keep NaN and Infinity; the API never shows them). */
    static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
