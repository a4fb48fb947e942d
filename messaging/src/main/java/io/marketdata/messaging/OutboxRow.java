package io.marketdata.messaging;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * The columns of an outbox table ({@link Outbox}), for the services on Hibernate Reactive Panache: each
 * maps its own table with a subclass ({@code @Entity @Table(name = "outbox", schema = "<service>")}) and
 * inserts rows through the reactive session of the change they announce (so both commit or neither);
 * the relay reads, publishes and deletes them over JDBC.
 */
@MappedSuperclass
public abstract class OutboxRow extends PanacheEntityBase {

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
    // created_at: the column's default now(), as with Outbox's own inserts over JDBC

    /** Fills a new row (the subclass's factory calls this). */
    protected final void set(String exchange, String routingKey, byte[] body, String correlationId) {
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.body = body;
        this.correlationId = correlationId;
    }
}
