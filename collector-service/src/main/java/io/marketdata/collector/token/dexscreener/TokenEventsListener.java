package io.marketdata.collector.token.dexscreener;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.messaging.DeadLetters;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.contracts.token.TokenRefreshRequested;
import io.marketdata.contracts.token.TokenStatusChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * What to poll comes from the bus, not from other services' tables: the durable queue
 * {@code collector.dexscreener.queue} bound to {@code token.status_changed}, {@code score.updated} and
 * {@code token.refresh_requested} on {@code token_events}, consumed through the incoming channel
 * {@code token-events} one message at a time. Status and score are acknowledged only once written
 * to PostgreSQL. A message that is not JSON or breaks its schema goes to {@code <queue>.dlq} with
 * the reason (acked once the dead letter is confirmed); an unexpected exception is retried
 * {@value #MAX_BUG_ATTEMPTS} times, then dead-lettered the same way; a database failure is retried
 * in-process with back-off (1 s doubling to 30 s) without spending that budget, and never acked
 * before it succeeded.
 */
@ApplicationScoped
public class TokenEventsListener {

    private static final Logger LOG = Logger.getLogger(TokenEventsListener.class);
    static final List<String> BINDINGS = List.of(RoutingKeys.TOKEN_STATUS_CHANGED, RoutingKeys.SCORE_UPDATED,
            RoutingKeys.TOKEN_REFRESH_REQUESTED);
    static final int MAX_BUG_ATTEMPTS = 5;
    private static final long FIRST_RETRY_MS = 1_000;
    private static final long MAX_RETRY_MS = 30_000;

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

    private ExecutorService worker;
    private Counter deadLettered;
    private Counter retried;
    private volatile boolean stopping;

    @PostConstruct
    void init() {
        // handling does JDBC and waits out database outages: never on the event loop
        worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "token-events"));
        deadLettered = Counter.builder("collector_token_events_dead_lettered_total")
                .description("Token events sent to the dead-letter queue with the reason").register(registry);
        retried = Counter.builder("collector_token_events_retried_total")
                .description("Token event attempts retried after a failure (database down, unexpected error)")
                .register(registry);
    }

    /** At shutdown: an unfinished message is requeued, not dead-lettered. */
    void stop() {
        stopping = true;
    }

    @PreDestroy
    void close() {
        stopping = true;
        worker.shutdownNow();
    }

    /** True while the connector reports the {@code token-events} consumer attached. */
    public boolean consuming() {
        return health.getReadiness().getChannels().stream()
                .filter(c -> "token-events".equals(c.getChannel())).allMatch(c -> c.isOk());
    }

    public long deadLettered() {
        return (long) deadLettered.count();
    }

    /** What became of one message after its attempts. */
    private record Outcome(String deadLetterReason, boolean requeue) {
        static final Outcome HANDLED = new Outcome(null, false);
    }

    @Incoming("token-events")
    public Uni<Void> onEvent(Message<byte[]> message) {
        IncomingRabbitMQMetadata metadata = message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null);
        byte[] body = DeadLetters.bytes(message.getPayload());
        String routingKey = metadata == null ? "" : metadata.getRoutingKey();
        String correlationId = metadata == null ? null : metadata.getCorrelationId().orElse(null);
        return Uni.createFrom().item(() -> attempt(routingKey, correlationId, body)).runSubscriptionOn(worker)
                .onFailure().recoverWithItem(e -> new Outcome(null, true))
                .chain(outcome -> {
                    if (outcome.requeue()) {
                        return Uni.createFrom().completionStage(message.nack(new IllegalStateException("shutting down"),
                                Metadata.of(new RabbitMQRejectMetadata(true))));
                    }
                    if (outcome.deadLetterReason() == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    String queue = config.dexscreener().queue();
                    return deadLetters.send(queue, metadata, body, outcome.deadLetterReason())
                            .invoke(() -> {
                                deadLettered.increment();
                                LOG.warnf("token event %s dead-lettered: %s", routingKey, outcome.deadLetterReason());
                            })
                            .chain(() -> Uni.createFrom().completionStage(message.ack()))
                            // the dead letter was not confirmed: reject it (the queue's DLX still keeps it, without the reason)
                            .onFailure().recoverWithUni(e -> Uni.createFrom().completionStage(message.nack(e)));
                });
    }

    /** Handles one message, retrying on the worker thread; see the class comment. */
    private Outcome attempt(String routingKey, String correlationId, byte[] body) {
        long delay = FIRST_RETRY_MS;
        int bugs = 0;
        while (true) {
            try {
                handle(routingKey, correlationId, body);
                return Outcome.HANDLED;
            } catch (RejectedMessage rejected) {
                return new Outcome(rejected.getMessage(), false);
            } catch (java.sql.SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                if (state.startsWith("22") || state.startsWith("23")) {
                    // a data error (e.g. a NUL byte) fails the same way every time
                    return new Outcome("PostgreSQL refused it (SQLState " + state + "): " + e.getMessage(), false);
                }
                LOG.warnf("token event %s not applied (%s); retrying in %d ms", routingKey, e, delay);
            } catch (RuntimeException bug) {
                if (++bugs >= MAX_BUG_ATTEMPTS) {
                    return new Outcome("failed " + MAX_BUG_ATTEMPTS + " times: " + bug, false);
                }
                LOG.warnf("token event %s failed (%s); attempt %d of %d", routingKey, bug, bugs, MAX_BUG_ATTEMPTS);
            } catch (Exception transientFailure) {
                LOG.warnf("token event %s not applied (%s); retrying in %d ms", routingKey, transientFailure, delay);
            }
            retried.increment();
            if (stopping) {
                return new Outcome(null, true);
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(null, true);
            }
            delay = Math.min(MAX_RETRY_MS, delay * 2);
        }
    }

    /** A message that can never be handled: it goes to the DLQ with this reason. */
    static final class RejectedMessage extends Exception {
        RejectedMessage(String reason) {
            super(reason);
        }
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
