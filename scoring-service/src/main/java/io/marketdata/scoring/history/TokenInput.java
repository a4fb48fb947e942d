package io.marketdata.scoring.history;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A row of {@code scoring.token_inputs}: a token's latest snapshot and lifecycle status. Read through this
 * entity (status, recalculable tokens); the writes that need {@code ON CONFLICT} or a row lock joined with
 * {@code latest_scores} are native statements of {@link TokenInputs}.
 */
@Entity
@DynamicUpdate
@Table(name = "token_inputs", schema = "scoring")
public class TokenInput extends PanacheEntityBase {

    @Id
    @Column(name = "mint")
    public String mint;
    @Column(name = "metrics")
    @ColumnTransformer(read = "cast(metrics as text)", write = "cast(cast(? as text) as jsonb)")
    public String metrics;
    @Column(name = "fetched_at")
    public Instant fetchedAt;
    @Column(name = "migrated_at")
    public Instant migratedAt;
    @Column(name = "status")
    public String status;
    @Column(name = "status_changed_at")
    public Instant statusChangedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
