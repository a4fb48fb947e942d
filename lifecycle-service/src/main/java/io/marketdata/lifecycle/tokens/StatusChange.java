package io.marketdata.lifecycle.tokens;

import io.marketdata.lifecycle.rules.Transition;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code lifecycle.status_history} (kept forever); {@code old_status} is null for the creation. */
@Entity
@Table(name = "status_history", schema = "lifecycle")
public class StatusChange extends PanacheEntityBase {

    /** {@code bigserial}. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;
    @Column(name = "mint")
    public String mint;
    @Column(name = "old_status")
    public String oldStatus;
    @Column(name = "new_status")
    public String newStatus;
    @Column(name = "reason")
    public String reason;
    @Column(name = "changed_at")
    public Instant changedAt;

    static StatusChange of(String mint, Transition t) {
        StatusChange row = new StatusChange();
        row.mint = mint;
        row.oldStatus = t.from() == null ? null : t.from().wire();
        row.newStatus = t.to().wire();
        row.reason = t.reason().wire();
        row.changedAt = t.at();
        return row;
    }

    public HistoryEntry view() {
        return new HistoryEntry(id, mint, oldStatus, newStatus, reason, changedAt.toEpochMilli());
    }
}
