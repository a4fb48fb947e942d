package io.marketdata.scoring.history;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code scoring.latest_scores}: the latest round of (mint, model). Read through this entity
 * (leaderboard, latest round); written by the upsert of {@link ScoreStore#insert}, deleted by {@link Retention}.
 */
@Entity
@Immutable
@IdClass(LatestScore.Key.class)
@Table(name = "latest_scores", schema = "scoring")
public class LatestScore extends PanacheEntityBase {

    @Id
    @Column(name = "mint")
    public String mint;
    @Id
    @Column(name = "model")
    public String model;
    @Column(name = "score_id")
    public long scoreId;
    @Column(name = "scored_at")
    public Instant scoredAt;
    @Column(name = "smoothed_score")
    public double smoothedScore;

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String mint;
        public String model;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(mint, k.mint) && Objects.equals(model, k.model);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mint, model);
        }
    }
}
