package io.marketdata.lifecycle.consume;

import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.contracts.token.TokenCreated;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.lifecycle.config.LifecycleConfig;
import io.marketdata.lifecycle.tokens.Await;
import io.marketdata.lifecycle.tokens.LifecycleService;
import io.marketdata.messaging.DeadLetters;
import io.marketdata.messaging.Deliveries;
import io.marketdata.messaging.RejectedMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
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

/**
 * Consumes {@code token.created}, {@code token.metrics} and {@code score.updated} from the durable
 * queue {@code lifecycle.consumer.queue} (dead-lettering into {@code <queue>.dlq}) through the
 * incoming channel {@value #CHANNEL}: one message at a time, acknowledged after its transaction
 * committed. The handler runs on the {@link Deliveries} worker thread and waits there for the
 * reactive transaction ({@link Await}). Settling is the shared {@link Deliveries}: a body that is not
 * JSON or breaks its schema, or data PostgreSQL refuses (SQLState class 22/23, found in the cause chain
 * of Hibernate Reactive's exception), is dead-lettered with the reason; a database failure is retried
 * with back-off; at shutdown an unfinished message is requeued.
 */
@ApplicationScoped
public class TokenEventsConsumer {

    public static final String CHANNEL = "token-events";
    public static final List<String> BINDINGS =
            List.of(RoutingKeys.TOKEN_CREATED, RoutingKeys.TOKEN_METRICS, RoutingKeys.SCORE_UPDATED);

    @Inject
    LifecycleService service;
    @Inject
    LifecycleConfig config;
    @Inject
    DeadLetters deadLetters;
    @Inject
    HealthCenter health;
    @Inject
    MeterRegistry registry;

    private Deliveries deliveries;

    @PostConstruct
    void init() {
        // lifecycle_messages_handled_total, _dead_lettered_total, _retried_total (the names the raw consumer's counters had)
        deliveries = new Deliveries(config.consumer().queue(), this::handle, deadLetters, registry, "lifecycle_messages");
    }

    /** At shutdown, before the connector closes: an unfinished message is requeued, not dead-lettered. */
    void stop(@Observes @Priority(100) ShutdownEvent event) {
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

    /** One delivery: see the class comment. */
    void handle(String routingKey, String correlationId, byte[] body) throws Exception {
        // decoded here, so a bad body is a RejectedMessage before any transaction starts
        switch (routingKey) {
            case RoutingKeys.TOKEN_CREATED -> {
                TokenCreated t = Messages.decode(MessageType.TOKEN_CREATED, TokenCreated.class, body);
                Await.result(() -> service.tokenCreated(t, correlationId));
            }
            case RoutingKeys.TOKEN_METRICS -> {
                TokenMetrics m = Messages.decode(MessageType.TOKEN_METRICS, TokenMetrics.class, body);
                Await.result(() -> service.tokenMetrics(m, correlationId));
            }
            case RoutingKeys.SCORE_UPDATED -> {
                ScoreUpdated s = Messages.decode(MessageType.SCORE_UPDATED, ScoreUpdated.class, body);
                Await.result(() -> service.scoreUpdated(s, correlationId));
            }
            default -> throw new RejectedMessage("unexpected routing key '" + routingKey + "'");
        }
    }

    /** True while the connector reports the {@value #CHANNEL} consumer attached (or the channel is disabled). */
    public boolean consuming() {
        return health.getReadiness().getChannels().stream()
                .filter(c -> CHANNEL.equals(c.getChannel())).allMatch(c -> c.isOk());
    }

    /** The connector's own readiness message for the channel ("" when it reports none). */
    public String channelState() {
        return health.getReadiness().getChannels().stream().filter(c -> CHANNEL.equals(c.getChannel()))
                .map(c -> c.getMessage() == null ? (c.isOk() ? "ok" : "down") : c.getMessage())
                .findFirst().orElse("");
    }

    public boolean enabled() {
        return config.consumer().enabled();
    }

    public String queue() {
        return config.consumer().queue();
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
