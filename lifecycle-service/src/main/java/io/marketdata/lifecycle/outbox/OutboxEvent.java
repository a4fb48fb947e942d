package io.marketdata.lifecycle.outbox;

import io.marketdata.messaging.OutboxRow;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A row of {@code lifecycle.outbox} ({@link OutboxRow}), inserted in the reactive transaction of the transition. */
@Entity
@Table(name = "outbox", schema = "lifecycle")
public class OutboxEvent extends OutboxRow {

    static OutboxEvent of(String exchange, String routingKey, byte[] body, String correlationId) {
        OutboxEvent row = new OutboxEvent();
        row.set(exchange, routingKey, body, correlationId);
        return row;
    }
}
