package io.marketdata.lifecycle.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code lifecycle.outbox}, the table of {@link io.marketdata.messaging.Outbox}: written here
 * through the reactive session of the transition (so both commit or neither), read, published and
 * deleted by the relay over JDBC.
 */
@Entity
@Table(name = "outbox", schema = "lifecycle")
public class OutboxEvent extends PanacheEntityBase {

    /** {@code bigserial}: the relay publishes in id order, i.e. in insertion order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;
    @Column(name = "exchange")
    public String exchange;
    @Column(name = "routing_key")
    public String routingKey;
    @Column(name = "body")
    public byte[] body;
    @Column(name = "correlation_id")
    public String correlationId;
    // created_at: the column's default now(), as with Outbox.add over JDBC

    static OutboxEvent of(String exchange, String routingKey, byte[] body, String correlationId) {
        OutboxEvent row = new OutboxEvent();
        row.exchange = exchange;
        row.routingKey = routingKey;
        row.body = body;
        row.correlationId = correlationId;
        return row;
    }
}
