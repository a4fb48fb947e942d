package io.marketdata.collector.token.dexscreener;

import com.rabbitmq.client.AMQP;
import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.amqp.AmqpSettings;
import io.marketdata.contracts.amqp.QueueConsumer;
import io.marketdata.contracts.amqp.RejectedMessage;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.contracts.token.TokenRefreshRequested;
import io.marketdata.contracts.token.TokenStatusChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * What to poll comes from the bus, not from other services' tables: the durable queue
 * {@code collector.dexscreener.queue} bound to {@code token.status_changed}, {@code score.updated} and
 * {@code token.refresh_requested} on {@code token_events}, consumed one message at a time through the
 * shared {@link QueueConsumer}. A message that is not JSON or breaks its schema goes to
 * {@code <queue>.dlq} with the reason; a database failure leaves it unacknowledged and it is
 * retried with back-off. Status and score are acknowledged only once written to PostgreSQL.
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
    MeterRegistry registry;

    private volatile QueueConsumer consumer;

    void start() {
        consumer = new QueueConsumer(AmqpSettings.fromConfig(), "collector-service/token-events", config.dexscreener().queue(),
                Topology.TOKEN_EVENTS_EXCHANGE, BINDINGS, 20, this::handle);
        FunctionCounter.builder("collector_token_events_dead_lettered_total", consumer, QueueConsumer::deadLettered)
                .description("Token events sent to the dead-letter queue (unparseable or schema-invalid)").register(registry);
        FunctionCounter.builder("collector_token_events_retried_total", consumer, QueueConsumer::retried)
                .description("Token events requeued after a transient failure (database down)").register(registry);
        consumer.start();
    }

    void stop() {
        QueueConsumer c = consumer;
        if (c != null) {
            c.close();
        }
    }

    public boolean consuming() {
        QueueConsumer c = consumer;
        return c != null && c.consuming();
    }

    public long deadLettered() {
        QueueConsumer c = consumer;
        return c == null ? 0 : c.deadLettered();
    }

    void handle(String routingKey, AMQP.BasicProperties properties, byte[] body) throws Exception {
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
        String correlationId = properties == null ? null : properties.getCorrelationId();
        if (correlationId != null) {
            MDC.put("correlation_id", correlationId);
        }
        try {
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
        } finally {
            MDC.remove("correlation_id");
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
