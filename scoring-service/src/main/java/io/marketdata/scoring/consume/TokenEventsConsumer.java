package io.marketdata.scoring.consume;

import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.amqp.QueueConsumer;
import io.marketdata.scoring.bus.EventOutbox;
import io.marketdata.scoring.config.ScoringConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.jboss.logging.Logger;

/**
 * Consumes the durable queue {@code scoring.consumer.queue} (default {@code scoring.token_events},
 * dead-lettering into {@code <queue>.dlq}) bound to {@code token.metrics} and
 * {@code token.status_changed} on {@code token_events}, with {@code scoring.consumer.consumers}
 * competing {@link QueueConsumer}s. Each message is one transaction; it is acknowledged after the
 * commit. Meters: {@code scoring_messages_handled_total}, {@code scoring_messages_dead_lettered_total},
 * {@code scoring_messages_retried_total}, and the outbox's {@code scoring_outbox_pending},
 * {@code scoring_outbox_published_total}, {@code scoring_outbox_failures_total}.
 */
@ApplicationScoped
public class TokenEventsConsumer {

    private static final Logger LOG = Logger.getLogger(TokenEventsConsumer.class);
    public static final List<String> BINDINGS = List.of(RoutingKeys.TOKEN_METRICS, RoutingKeys.TOKEN_STATUS_CHANGED);

    @Inject
    ScoringConfig config;
    @Inject
    TokenEventHandler handler;
    @Inject
    EventOutbox outbox;
    @Inject
    MeterRegistry registry;

    private final List<QueueConsumer> consumers = new CopyOnWriteArrayList<>();

    void start(@Observes @Priority(30) StartupEvent event) {
        counter("scoring_messages_handled_total", "Messages handled and acknowledged", QueueConsumer::handled);
        counter("scoring_messages_dead_lettered_total", "Messages sent to the dead-letter queue (not JSON, schema)",
                QueueConsumer::deadLettered);
        counter("scoring_messages_retried_total", "Transient handling failures (requeued and retried)", QueueConsumer::retried);
        Gauge.builder("scoring_outbox_pending", outbox, o -> o.outbox().pending())
                .description("Events waiting in the outbox after the last relay pass").register(registry);
        FunctionCounter.builder("scoring_outbox_published_total", outbox, o -> o.outbox().published())
                .description("Events published by the outbox relay").register(registry);
        FunctionCounter.builder("scoring_outbox_failures_total", outbox, o -> o.outbox().failures())
                .description("Outbox relay passes that failed (retried)").register(registry);
        if (!config.consumer().enabled()) {
            LOG.info("consumer disabled (scoring.consumer.enabled=false)");
            return;
        }
        for (int i = 0; i < config.consumer().consumers(); i++) {
            QueueConsumer consumer = new QueueConsumer(outbox.amqp(), "scoring-service/consumer-" + (i + 1),
                    config.consumer().queue(), Topology.TOKEN_EVENTS_EXCHANGE, BINDINGS, config.consumer().prefetch(), handler);
            consumers.add(consumer);
            consumer.start();
        }
    }

    void stop(@Observes @Priority(10) ShutdownEvent event) {
        consumers.forEach(QueueConsumer::close);
    }

    private void counter(String name, String description, ToLongFunction<QueueConsumer> value) {
        FunctionCounter.builder(name, this, self -> self.consumers.stream().mapToLong(value).sum())
                .description(description).tag("queue", config.consumer().queue()).register(registry);
    }

    /** True when every consumer is attached and consuming (or consuming is disabled). */
    public boolean consuming() {
        return !config.consumer().enabled() || (!consumers.isEmpty() && consumers.stream().allMatch(QueueConsumer::consuming));
    }

    public String queueName() {
        return config.consumer().queue();
    }

    public boolean enabled() {
        return config.consumer().enabled();
    }

    public long handled() {
        return consumers.stream().mapToLong(QueueConsumer::handled).sum();
    }

    public long deadLettered() {
        return consumers.stream().mapToLong(QueueConsumer::deadLettered).sum();
    }

    public long retried() {
        return consumers.stream().mapToLong(QueueConsumer::retried).sum();
    }
}
