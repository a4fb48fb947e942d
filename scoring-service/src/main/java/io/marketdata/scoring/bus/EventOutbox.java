package io.marketdata.scoring.bus;

import io.agroal.api.AgroalDataSource;
import io.marketdata.contracts.Topology;
import io.marketdata.messaging.Outbox;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The service's transactional outbox ({@code scoring.outbox}): {@code score.updated} and
 * {@code settings.updated} are inserted in the transaction of the change they announce and
 * published on {@code token_events} by the relay after the commit, through the outgoing channel
 * {@code score-events} (publisher confirms: a row is deleted only once the broker confirmed it).
 * Meters: {@code scoring_outbox_pending}, {@code scoring_outbox_published_total},
 * {@code scoring_outbox_failures_total}.
 */
@ApplicationScoped
public class EventOutbox {

    public static final String TABLE = "scoring.outbox";
    public static final String CHANNEL = "score-events";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<byte[]> emitter;
    @Inject
    MeterRegistry registry;

    private Outbox outbox;

    @PostConstruct
    void create() {
        outbox = new Outbox(dataSource, TABLE, emitter, "scoring-service");
        Gauge.builder("scoring_outbox_pending", outbox, Outbox::pending)
                .description("Events waiting in the outbox after the last relay pass").register(registry);
        FunctionCounter.builder("scoring_outbox_published_total", outbox, Outbox::published)
                .description("Events published by the outbox relay (confirmed by the broker)").register(registry);
        FunctionCounter.builder("scoring_outbox_failures_total", outbox, Outbox::failures)
                .description("Outbox relay passes that failed (retried)").register(registry);
    }

    /**
     * Starts the relay once the messaging lifecycle wired the channels (it observes the start-up with
     * priority 1000 or lower); rows queued before, e.g. by a previous run or at this start, go out first.
     */
    void start(@Observes @Priority(1100) StartupEvent event) {
        outbox.start();
    }

    /** Publishes what is queued and stops, before the connector closes (it closes when the application context ends). */
    void stop(@Observes @Priority(30) ShutdownEvent event) {
        if (outbox != null) {
            outbox.close();
        }
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
