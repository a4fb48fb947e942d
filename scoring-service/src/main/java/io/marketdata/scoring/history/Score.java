package io.marketdata.scoring.history;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code scoring.scores} (Flyway's V1 is the schema). Read through this entity; inserted only by
 * the one native statement of {@link ScoreStore#insert} (its {@code ON CONFLICT … DO NOTHING} on the
 * partial unique index and the {@code latest_scores} upsert in the same statement), never updated.
 */
@Entity
@Immutable
@Table(name = "scores", schema = "scoring")
public class Score extends PanacheEntityBase {

    @Id
    @Column(name = "id")
    public Long id;
    @Column(name = "mint")
    public String mint;
    @Column(name = "model")
    public String model;
    @Column(name = "scored_at")
    public Instant scoredAt;
    @Column(name = "score")
    public double score;
    @Column(name = "smoothed_score")
    public double smoothedScore;
    @Column(name = "raw_components")
    @ColumnTransformer(read = "cast(raw_components as text)")
    public String rawComponents;
    @Column(name = "smoothed_components")
    @ColumnTransformer(read = "cast(smoothed_components as text)")
    public String smoothedComponents;
    @Column(name = "data_quality")
    public String dataQuality;
    @Column(name = "issues")
    @ColumnTransformer(read = "cast(issues as text)")
    public String issues;
    @Column(name = "metrics_used")
    @ColumnTransformer(read = "cast(metrics_used as text)")
    public String metricsUsed;
    @Column(name = "fetched_at")
    public Instant fetchedAt;
    @Column(name = "source")
    public String source;
}
