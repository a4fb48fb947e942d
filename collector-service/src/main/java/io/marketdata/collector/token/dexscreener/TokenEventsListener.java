package io.marketdata.collector.token.dexscreener;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.contracts.token.TokenRefreshRequested;
import io.marketdata.contracts.token.TokenStatusChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.marketdata.messaging.DeadLetters;
import io.marketdata.messaging.Deliveries;
import io.marketdata.messaging.RejectedMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * What to poll comes from the bus, not from other services' tables: the durable queue
 * {@code collector.dexscreener.queue} bound to {@code token.status_changed}, {@code score.updated} and
 * {@code token.refresh_requested} on {@code token_events}, consumed through the incoming channel
 * {@code token-events} one message at a time. Status and score are acknowledged only once written
 * to PostgreSQL. A message that is not JSON or breaks its schema goes to {@code <queue>.dlq} with
 * the reason; settling (dead letters, retries, database outages) is the shared {@link Deliveries}.
 */
@ApplicationScoped
public class TokenEventsListener {

    private static final Logger LOG = Logger.getLogger(TokenEventsListener.class);
    static final List<String> BINDINGS = List.of(RoutingKeys.TOKEN_STATUS_CHANGED, RoutingKeys.SCORE_UPDATED,
            RoutingKeys.TOKEN_REFRESH_REQUESTED);

    @Inject
    CollectorConfig config;
    @Inject
    TrackedTokens tracked;
    @Inject
    DexScreenerPoller poller;
    @Inject
    DeadLetters deadLetters;
    @Inject
    HealthCenter health;
    @Inject
    MeterRegistry registry;

    private Deliveries deliveries;

    @PostConstruct
    void init() {
        deliveries = new Deliveries(config.dexscreener().queue(), this::handle, deadLetters, registry,
                "collector_token_events");
    }

    /** At shutdown: an unfinished message is requeued, not dead-lettered. */
    void stop() {
        deliveries.stop();
    }

    @PreDestroy
    void close() {
        deliveries.close();
    }

    /** True while the connector reports the {@code token-events} consumer attached. */
    public boolean consuming() {
        return health.getReadiness().getChannels().stream()
                .filter(c -> "token-events".equals(c.getChannel())).allMatch(c -> c.isOk());
    }

    public long deadLettered() {
        return deliveries.deadLettered();
    }

    @Incoming("token-events")
    public Uni<Void> onEvent(Message<byte[]> message) {
        return deliveries.process(message);
    }

    void handle(String routingKey, String correlationId, byte[] body) throws Exception {
        MessageType type = switch (routingKey) {
            case RoutingKeys.TOKEN_STATUS_CHANGED -> MessageType.TOKEN_STATUS_CHANGED;
            case RoutingKeys.SCORE_UPDATED -> MessageType.SCORE_UPDATED;
            case RoutingKeys.TOKEN_REFRESH_REQUESTED -> MessageType.TOKEN_REFRESH_REQUESTED;
            default -> throw new RejectedMessage("unexpected routing key '" + routingKey + "'");
        };
        List<String> violations = SchemaValidator.get().validate(type, body);
        if (!violations.isEmpty()) {
            throw new RejectedMessage(type.schemaName() + " schema violated: " + String.join("; ", violations));
        }
        switch (type) {
            case TOKEN_STATUS_CHANGED -> {
                TokenStatusChanged m = read(body, TokenStatusChanged.class);
                count(type, tracked.applyStatus(m.mint(), m.newStatus(), m.changedAt()));
                LOG.debugf("token.status_changed %s → %s", m.mint(), m.newStatus());
            }
            case SCORE_UPDATED -> {
                ScoreUpdated m = read(body, ScoreUpdated.class);
                if (!Double.isFinite(m.smoothedScore())) {
                    throw new RejectedMessage("smoothed_score is not a finite number");
                }
                count(type, tracked.applyScore(m.mint(), m.smoothedScore(), m.scoredAt()));
            }
            default -> {
                TokenRefreshRequested m = read(body, TokenRefreshRequested.class);
                poller.refreshRequested(m.mint(), correlationId);
                count(type, null);
            }
        }
    }

    private void count(MessageType type, TrackedTokens.Outcome outcome) {
        Counter.builder("collector_token_events_total").description("Token events applied, by type and outcome")
                .tag("type", type.schemaName())
                .tag("outcome", outcome == null ? "applied" : outcome.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    private static <T> T read(byte[] body, Class<T> type) throws RejectedMessage {
        try {
            return Json.fromBytes(body, type);
        } catch (IOException e) {
            throw new RejectedMessage("unreadable " + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
