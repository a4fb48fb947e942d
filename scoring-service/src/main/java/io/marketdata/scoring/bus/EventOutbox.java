package io.marketdata.scoring.bus;

import io.agroal.api.AgroalDataSource;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.amqp.AmqpSettings;
import io.marketdata.contracts.amqp.Outbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The service's transactional outbox ({@code scoring.outbox}): {@code score.updated} and
 * {@code settings.updated} are inserted in the transaction of the change they announce and
 * published on {@code token_events} by the relay after the commit.
 */
@ApplicationScoped
public class EventOutbox {

    public static final String TABLE = "scoring.outbox";

    @Inject
    AgroalDataSource dataSource;

    private final AmqpSettings amqp = AmqpSettings.fromConfig();
    private Outbox outbox;

    @PostConstruct
    void create() {
        outbox = new Outbox(dataSource, TABLE, amqp, "scoring-service");
    }

    /** Starts the relay (rows queued before, e.g. by a previous run, go out first). */
    void start(@Observes @Priority(20) StartupEvent event) {
        outbox.start();
    }

    void stop(@Observes @Priority(30) ShutdownEvent event) {
        if (outbox != null) {
            outbox.close();
        }
    }

    public AmqpSettings amqp() {
        return amqp;
    }

    /** Queues an event on {@code token_events} inside the caller's transaction; call {@link #wake()} after the commit. */
    public void add(Connection tx, String routingKey, byte[] body, String correlationId) throws SQLException {
        outbox.add(tx, Topology.TOKEN_EVENTS_EXCHANGE, routingKey, body, correlationId);
    }

    public void wake() {
        outbox.wake();
    }

    public Outbox outbox() {
        return outbox;
    }
}
