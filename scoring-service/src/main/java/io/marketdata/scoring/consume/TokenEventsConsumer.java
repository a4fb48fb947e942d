package io.marketdata.scoring.consume;

import io.marketdata.contracts.RoutingKeys;
import io.marketdata.messaging.DeadLetters;
import io.marketdata.messaging.Deliveries;
import io.marketdata.scoring.config.ScoringConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes the durable queue {@code scoring.consumer.queue} (default {@code scoring.token_events},
 * dead-lettering into {@code <queue>.dlq}) bound to {@code token.metrics} and
 * {@code token.status_changed} on {@code token_events}, through the incoming channel
 * {@code token-events} (SmallRye RabbitMQ connector; configured in {@code application.properties}).
 * Each message is one transaction of {@link TokenEventHandler}; the shared {@link Deliveries} settles it:
 * acknowledged after the commit, dead-lettered with the reason, retried in place while the database is
 * away, requeued at shutdown. Messages are handled one at a time in queue order (one worker thread,
 * the channel's method is called for the next message once the previous one is settled).
 * Meters: {@code scoring_messages_handled_total}, {@code scoring_messages_dead_lettered_total},
 * {@code scoring_messages_retried_total}.
 */
@ApplicationScoped
public class TokenEventsConsumer {

    private static final Logger LOG = Logger.getLogger(TokenEventsConsumer.class);
    public static final String CHANNEL = "token-events";
    public static final List<String> BINDINGS = List.of(RoutingKeys.TOKEN_METRICS, RoutingKeys.TOKEN_STATUS_CHANGED);

    @Inject
    ScoringConfig config;
    @Inject
    TokenEventHandler handler;
    @Inject
    DeadLetters deadLetters;
    @Inject
    HealthCenter health;
    @Inject
    MeterRegistry registry;

    private Deliveries deliveries;

    @PostConstruct
    void init() {
        deliveries = new Deliveries(config.consumer().queue(), handler, deadLetters, registry, "scoring_messages");
    }

    /** Creates the bean (and its meters) at start even when the channel is disabled. */
    void start(@Observes @Priority(30) StartupEvent event) {
        if (!config.consumer().enabled()) {
            LOG.info("consumer disabled (scoring.consumer.enabled=false: channel token-events not created)");
        }
    }

    /** At shutdown, before the connector closes: an unfinished message is requeued, not dead-lettered. */
    void stop(@Observes @Priority(10) ShutdownEvent event) {
        deliveries.stop();
    }

    @PreDestroy
    void close() {
        deliveries.close();
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEvent(Message<byte[]> message) {
        return deliveries.process(message);
    }

    /** True when the connector reports the {@code token-events} consumer attached (or consuming is disabled). */
    public boolean consuming() {
        if (!config.consumer().enabled()) {
            return true;
        }
        var channels = health.getReadiness().getChannels().stream().filter(c -> CHANNEL.equals(c.getChannel())).toList();
        return !channels.isEmpty() && channels.stream().allMatch(c -> c.isOk());
    }

    public String queueName() {
        return config.consumer().queue();
    }

    public boolean enabled() {
        return config.consumer().enabled();
    }

    public long handled() {
        return deliveries.handled();
    }

    public long deadLettered() {
        return deliveries.deadLettered();
    }

    public long retried() {
        return deliveries.retried();
    }
}
