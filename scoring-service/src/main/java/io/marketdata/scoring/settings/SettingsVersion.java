package io.marketdata.scoring.settings;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A row of {@code scoring.settings_versions}. A change is persisted through this entity (under the table
 * lock of {@link SettingsStore#update}); version 1 is inserted natively ({@code ON CONFLICT DO NOTHING}, so
 * replicas starting together cannot race).
 */
@Entity
@Table(name = "settings_versions", schema = "scoring")
public class SettingsVersion extends PanacheEntityBase {

    @Id
    @Column(name = "version")
    public long version;
    @Column(name = "settings")
    @ColumnTransformer(read = "cast(settings as text)", write = "cast(cast(? as text) as jsonb)")
    public String settings;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "published_at")
    public Instant publishedAt;
}
