package io.marketdata.lifecycle.outbox;

import io.agroal.api.AgroalDataSource;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.token.TokenStatusChanged;
import io.marketdata.lifecycle.rules.Transition;
import io.marketdata.messaging.Outbox;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * {@code token.status_changed} through the transactional outbox {@value #TABLE}: the event row is
 * inserted in the reactive transaction of the transition ({@link OutboxEvent}), and the relay
 * ({@link Outbox}, over the JDBC datasource) publishes it
 * (persistent, publisher-confirmed) once committed through the outgoing channel {@value #CHANNEL}
 * (exchange {@code token_events}, {@code publish-confirms=true}), so a transition is announced exactly
 * when it happened, even if RabbitMQ was away at that moment (at least once: consumers dedupe on
 * mint + status). The relay starts after the messaging lifecycle wired the channels (StartupEvent
 * priority 1100 &gt; 1000) and stops at shutdown before the connector closes.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String TABLE = "lifecycle.outbox";
    public static final String CHANNEL = "status-events";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<byte[]> emitter;
    @Inject
    MeterRegistry registry;

    private Outbox outbox;

    @PostConstruct
    void init() {
        outbox = new Outbox(dataSource, TABLE, emitter, "lifecycle-service");
        Gauge.builder("lifecycle.outbox.pending", outbox, Outbox::pending)
                .description("Events waiting in the outbox after the last relay pass").register(registry);
        FunctionCounter.builder("lifecycle.outbox.published", outbox, Outbox::published)
                .description("Events published from the outbox (confirmed by the broker)").register(registry);
        FunctionCounter.builder("lifecycle.outbox.failures", outbox, Outbox::failures)
                .description("Relay passes that failed (database or broker); retried").register(registry);
    }

    /** After the messaging lifecycle (StartupEvent priority 1000) wired the channels. */
    void start(@Observes @Priority(1100) StartupEvent event) {
        outbox.start();
    }

    /** ShutdownEvent observers all run before the connector closes its channels (bean destruction). */
    void stop(@Observes @Priority(200) ShutdownEvent event) {
        outbox.close();
    }

    /**
     * Queues the {@code token.status_changed} of a transition inside the caller's reactive transaction
     * (the row goes through the same Hibernate Reactive session as the transition, so both commit or neither).
     */
    public Uni<Void> statusChanged(String mint, Transition t, String correlationId) {
        TokenStatusChanged event = new TokenStatusChanged(mint, t.from() == null ? null : t.from().wire(), t.to().wire(),
                t.reason().wire(), t.at().toEpochMilli());
        return OutboxEvent.of(Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_STATUS_CHANGED, Json.toBytes(event),
                correlationId).persist().replaceWithVoid();
    }

    /** After a commit that queued events. */
    public void wake() {
        outbox.wake();
    }

    public boolean healthy() {
        return outbox.healthy();
    }

    public long pending() {
        return outbox.pending();
    }

    public long published() {
        return outbox.published();
    }
}
