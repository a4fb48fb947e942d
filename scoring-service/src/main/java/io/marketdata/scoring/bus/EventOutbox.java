package io.marketdata.scoring.bus;

import io.agroal.api.AgroalDataSource;
import io.marketdata.contracts.Topology;
import io.marketdata.messaging.Outbox;
import io.marketdata.messaging.SchemaMigration;
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
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * The service's transactional outbox ({@code scoring.outbox}): {@code score.updated} and
 * {@code settings.updated} are inserted in the transaction of the change they announce and
 * published on {@code token_events} by the relay after the commit, through the outgoing channel
 * {@code score-events} (publisher confirms: a row is deleted only once the broker confirmed it).
 * Meters: {@code scoring_outbox_pending}, {@code scoring_outbox_published_total},
 * {@code scoring_outbox_failures_total}.
 *
 * <p>Rows are inserted through the caller's Hibernate Reactive session ({@link OutboxEvent}); the relay
 * ({@link Outbox}) reads, publishes and deletes them over the JDBC datasource. Rows can be queued before
 * the relay runs (the initial settings version); the relay, which needs the channel's emitter, is created
 * after the channels are wired and started in the background once the schema is migrated
 * ({@link SchemaMigration#await()}), so a start while PostgreSQL is down does not fail; its own passes
 * retry with back-off.
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
    @Inject
    SchemaMigration schema;

    private static final Logger LOG = Logger.getLogger(EventOutbox.class);
    private volatile Outbox relay;
    private volatile boolean stopping;

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
        Outbox created = new Outbox(dataSource, TABLE, channel.emitter(), APP_ID);
        Thread starter = new Thread(() -> {
            try {
                schema.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (this) {
                if (!stopping) {
                    created.start();
                    relay = created;
                    LOG.debug("outbox relay started");
                }
            }
        }, "scoring-outbox-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Publishes what is queued and stops, before the connector closes (it closes when the application context ends). */
    void stop(@Observes @Priority(30) ShutdownEvent event) {
        Outbox r;
        synchronized (this) {
            stopping = true;
            r = relay;
        }
        if (r != null) {
            r.close();
        }
    }

    /**
     * Queues an event on {@code token_events} inside the caller's reactive transaction (the row goes through
     * the same Hibernate Reactive session as the change, so both commit or neither); call {@link #wake()}
     * after the commit.
     */
    public Uni<Void> add(String routingKey, byte[] body, String correlationId) {
        return OutboxEvent.of(Topology.TOKEN_EVENTS_EXCHANGE, routingKey, body, correlationId).persist().replaceWithVoid();
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
