package io.marketdata.scoring.bus;

import io.agroal.api.AgroalDataSource;
import io.marketdata.contracts.Topology;
import io.marketdata.messaging.Outbox;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 * published on {@code token_events} by the relay after the commit, through the outgoing channel
 * {@code score-events} (publisher confirms: a row is deleted only once the broker confirmed it).
 * Meters: {@code scoring_outbox_pending}, {@code scoring_outbox_published_total},
 * {@code scoring_outbox_failures_total}.
 *
 * <p>Rows can be queued from the first start-up observers on (the initial settings version), before
 * the channels are wired; the relay, which needs the channel's emitter, is created and started after
 * the wiring.
 */
@ApplicationScoped
public class EventOutbox {

    public static final String TABLE = "scoring.outbox";
    public static final String CHANNEL = "score-events";
    static final String APP_ID = "scoring-service";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ScoreEventsChannel channel;
    @Inject
    MeterRegistry registry;

    private volatile Outbox relay;

    @PostConstruct
    void create() {
        Gauge.builder("scoring_outbox_pending", this, EventOutbox::pending)
                .description("Events waiting in the outbox after the last relay pass").register(registry);
        FunctionCounter.builder("scoring_outbox_published_total", this, o -> o.relay == null ? 0 : o.relay.published())
                .description("Events published by the outbox relay (confirmed by the broker)").register(registry);
        FunctionCounter.builder("scoring_outbox_failures_total", this, o -> o.relay == null ? 0 : o.relay.failures())
                .description("Outbox relay passes that failed (retried)").register(registry);
    }

    /**
     * Starts the relay once the messaging lifecycle wired the channels (it observes the start-up with
     * priority 1000 or lower); rows queued before, e.g. by a previous run or at this start, go out first.
     */
    void start(@Observes @Priority(1100) StartupEvent event) {
        Outbox started = new Outbox(dataSource, TABLE, channel.emitter(), APP_ID);
        started.start();
        relay = started;
    }

    /** Publishes what is queued and stops, before the connector closes (it closes when the application context ends). */
    void stop(@Observes @Priority(30) ShutdownEvent event) {
        Outbox r = relay;
        if (r != null) {
            r.close();
        }
    }

    /** Queues an event on {@code token_events} inside the caller's transaction; call {@link #wake()} after the commit. */
    public void add(Connection tx, String routingKey, byte[] body, String correlationId) throws SQLException {
        Outbox.insert(tx, TABLE, Topology.TOKEN_EVENTS_EXCHANGE, routingKey, body, correlationId);
    }

    /** Tells the relay there is something to publish (before it started, the rows wait for its first pass). */
    public void wake() {
        Outbox r = relay;
        if (r != null) {
            r.wake();
        }
    }

    /** False after a failed relay pass, until one succeeds; true before the relay started. */
    public boolean healthy() {
        Outbox r = relay;
        return r == null || r.healthy();
    }

    /** Rows waiting after the relay's last pass (0 before its first). */
    public long pending() {
        Outbox r = relay;
        return r == null ? 0 : r.pending();
    }

    public long published() {
        Outbox r = relay;
        return r == null ? 0 : r.published();
    }
}
