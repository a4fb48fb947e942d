package io.marketdata.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.SchemaValidator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Feeds the WebSocket push (SPEC §9.2) from the bus: {@code depth.#} and {@code index.#} on
 * {@code market_analytics} (channel {@code push-analytics}), {@code score.updated} and
 * {@code token.status_changed} on {@code token_events} (channel {@code push-tokens}).
 *
 * <p>Every gateway replica must see every message, so each channel has its own server-named,
 * exclusive, auto-delete queue per replica (competing consumers on a shared queue would give each
 * message to one replica only). Messages are auto-acknowledged: they are latest values superseded
 * within a second or two, and what a replica missed while down its clients get from the snapshot
 * sources (Redis, the scoring-service) — redelivery would only send stale values.
 *
 * <p>Connecting, recovering and re-declaring queue and bindings after a broker restart are the
 * SmallRye RabbitMQ connector's; the gateway starts and serves REST without the broker.
 */
@ApplicationScoped
public class AnalyticsFeed {

    private static final Logger LOG = Logger.getLogger(AnalyticsFeed.class);
    private static final long MAX_BACKOFF_MS = 30_000;
    private static final long INVALID_LOG_INTERVAL_MS = 60_000;

    /** What arrives, by routing key prefix; the name is the metrics' {@code type} tag. */
    enum Kind {
        DEPTH("depth", MessageType.DEPTH_UPDATE),
        INDEX("index", MessageType.INDEX_UPDATE),
        SCORE("score", MessageType.SCORE_UPDATED),
        STATUS("status", MessageType.TOKEN_STATUS_CHANGED);

        final String tag;
        final MessageType type;

        Kind(String tag, MessageType type) {
            this.tag = tag;
            this.type = type;
        }

        static Kind of(String routingKey) {
            if (routingKey.startsWith("depth.")) {
                return DEPTH;
            }
            if (routingKey.startsWith("index.")) {
                return INDEX;
            }
            if (routingKey.equals(RoutingKeys.SCORE_UPDATED)) {
                return SCORE;
            }
            if (routingKey.equals(RoutingKeys.TOKEN_STATUS_CHANGED)) {
                return STATUS;
            }
            return null;
        }
    }

    @Inject
    LatestValues latest;
    @Inject
    PushHub hub;
    @Inject
    MeterRegistry registry;

    /** The connector channels feeding the push. */
    static final Set<String> CHANNELS = Set.of("push-analytics", "push-tokens");

    @Inject
    HealthCenter health;

    private final Map<Kind, Counter> received = new ConcurrentHashMap<>();
    private final AtomicLong receivedTotal = new AtomicLong();
    private Counter invalid;
    private volatile long lastMessageAt;
    private volatile long lastInvalidLogAt;

    @PostConstruct
    void init() {
        for (Kind kind : Kind.values()) {
            received.put(kind, Counter.builder("gateway_push_received_total").tag("type", kind.tag)
                    .description("messages received for the WebSocket push").register(registry));
        }
        invalid = Counter.builder("gateway_push_invalid_total")
                .description("messages skipped: not JSON or not valid against their schema").register(registry);
    }

    @Incoming("push-analytics")
    public CompletionStage<Void> onAnalytics(Message<byte[]> message) {
        return consume(message);
    }

    @Incoming("push-tokens")
    public CompletionStage<Void> onTokenEvent(Message<byte[]> message) {
        return consume(message);
    }

    private CompletionStage<Void> consume(Message<byte[]> message) {
        String routingKey = message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(IncomingRabbitMQMetadata::getRoutingKey).orElse("");
        handle(routingKey, message.getPayload());
        return message.ack(); // auto-acknowledged already; this only settles the message for the connector
    }

    /** True while every push channel is connected and consuming (the connector's own readiness of them). */
    public boolean attached() {
        return problem() == null;
    }

    /** Null while attached; else which channels are not and why. */
    public String problem() {
        List<HealthReport.ChannelInfo> channels = health.getReadiness().getChannels().stream()
                .filter(c -> CHANNELS.contains(c.getChannel())).toList();
        if (channels.size() < CHANNELS.size()) {
            return "push channels not started";
        }
        List<String> down = channels.stream().filter(c -> !c.isOk())
                .map(c -> c.getChannel() + (c.getMessage() == null ? " not connected" : ": " + c.getMessage())).toList();
        return down.isEmpty() ? null : String.join("; ", down);
    }

    public long receivedTotal() {
        return receivedTotal.get();
    }

    /** Epoch ms of the last message, 0 before the first. */
    public long lastMessageAt() {
        return lastMessageAt;
    }

    public String broker() {
        var config = ConfigProvider.getConfig();
        return config.getOptionalValue("rabbitmq-host", String.class).orElse("localhost") + ":"
                + config.getOptionalValue("rabbitmq-port", String.class).orElse("5672") + " vhost "
                + config.getOptionalValue("rabbitmq-virtual-host", String.class).orElse("/");
    }

    /**
     * One message: remembered as its key's latest value and pushed to the clients following it.
     * Never throws: a bad message is counted and skipped, the stream goes on.
     */
    void handle(String routingKey, byte[] body) {
        try {
            lastMessageAt = System.currentTimeMillis();
            receivedTotal.incrementAndGet();
            Kind kind = Kind.of(routingKey);
            if (kind == null) {
                skip(routingKey, List.of("unexpected routing key"));
                return;
            }
            received.get(kind).increment();
            JsonNode node = parse(body);
            List<String> violations = node == null ? List.of("not a JSON object")
                    : SchemaValidator.get().validate(kind.type, node);
            if (!violations.isEmpty()) {
                skip(routingKey, violations);
                return;
            }
            switch (kind) {
                case DEPTH -> {
                    latest.putDepth(routingKey, node);
                    if (hub.hasDepthSubscribers(routingKey)) {
                        hub.publish(PushChannel.DEPTH, routingKey, Frames.update(PushChannel.DEPTH, routingKey, node));
                    }
                }
                case INDEX -> {
                    latest.putIndex(routingKey, node);
                    if (hub.hasSubscribers(PushChannel.INDICES)) {
                        hub.publish(PushChannel.INDICES, routingKey, Frames.update(PushChannel.INDICES, routingKey, node));
                    }
                }
                case SCORE, STATUS -> {
                    if (kind == Kind.SCORE) {
                        latest.putScore(node.path("mint").asText(), routingKey, node);
                    }
                    if (hub.hasSubscribers(PushChannel.SCORES)) {
                        hub.publish(PushChannel.SCORES, routingKey, Frames.update(PushChannel.SCORES, routingKey, node));
                    }
                }
            }
        } catch (RuntimeException e) {
            skip(routingKey, List.of(e.toString()));
        }
    }

    private void skip(String routingKey, List<String> why) {
        invalid.increment();
        long now = System.currentTimeMillis();
        // counted always, logged at most once a minute: a broken producer must not flood the log
        if (now - lastInvalidLogAt >= INVALID_LOG_INTERVAL_MS) {
            lastInvalidLogAt = now;
            LOG.warnf("push feed skipped a message on %s: %s (further ones for a minute are only counted)",
                    routingKey, why);
        } else {
            LOG.debugf("push feed skipped a message on %s: %s", routingKey, why);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
