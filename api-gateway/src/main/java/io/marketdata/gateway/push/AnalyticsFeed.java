package io.marketdata.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.amqp.AmqpSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Feeds the WebSocket push (SPEC §9.2) from the bus: {@code depth.#} and {@code index.#} on
 * {@code market_analytics}, {@code score.updated} and {@code token.status_changed} on
 * {@code token_events}.
 *
 * <p>Every gateway replica must see every message, so each listens on its own server-named,
 * exclusive, auto-delete queue (competing consumers on a shared queue would give each message to
 * one replica only). Messages are auto-acknowledged: they are latest values superseded within a
 * second or two, and what a replica missed while down its clients get from the snapshot sources
 * (Redis, the scoring-service) — redelivery would only send stale values.
 *
 * <p>The gateway starts and serves REST without the broker: the connection is made by a background
 * thread that retries with back-off (1 s → 30 s); once made, the client's automatic recovery
 * re-opens connection, queue, bindings and consumer itself.
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

    private final Map<Kind, Counter> received = new ConcurrentHashMap<>();
    private final AtomicLong receivedTotal = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Counter invalid;
    private AmqpSettings amqp;
    private volatile Connection connection;
    private volatile boolean attached;
    private volatile long lastMessageAt;
    private volatile long lastInvalidLogAt;
    private volatile String lastProblem = "not connected yet";
    private Thread worker;

    @PostConstruct
    void init() {
        for (Kind kind : Kind.values()) {
            received.put(kind, Counter.builder("gateway_push_received_total").tag("type", kind.tag)
                    .description("messages received for the WebSocket push").register(registry));
        }
        invalid = Counter.builder("gateway_push_invalid_total")
                .description("messages skipped: not JSON or not valid against their schema").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        amqp = AmqpSettings.fromConfig();
        worker = new Thread(this::connectLoop, "push-feed-connect");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped.countDown();
        attached = false;
        Connection conn = connection;
        if (conn != null) {
            try {
                conn.close(2_000);
            } catch (Exception e) {
                conn.abort();
            }
        }
    }

    /** True while the private queue is being consumed. */
    public boolean attached() {
        return attached;
    }

    public long receivedTotal() {
        return receivedTotal.get();
    }

    /** Epoch ms of the last message, 0 before the first. */
    public long lastMessageAt() {
        return lastMessageAt;
    }

    public String lastProblem() {
        return lastProblem;
    }

    public String broker() {
        return amqp == null ? "unknown" : amqp.describe();
    }

    private void connectLoop() {
        long backoff = 1_000;
        while (stopped.getCount() > 0) {
            try {
                connection = listen();
                LOG.infof("push feed consuming from %s", amqp.describe());
                return;
            } catch (Exception e) {
                lastProblem = e.toString();
                LOG.warnf("push feed not connected to %s (%s); retrying in %d ms", amqp.describe(), e, backoff);
            }
            try {
                if (stopped.await(backoff, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    private Connection listen() throws Exception {
        Connection conn = amqp.open("api-gateway/push", true);
        try {
            Channel channel = conn.createChannel();
            // the same arguments as every other service's declaration, so whoever starts first wins harmlessly
            channel.exchangeDeclare(Topology.ANALYTICS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
            channel.exchangeDeclare(Topology.TOKEN_EVENTS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, Topology.ANALYTICS_EXCHANGE, "depth.#");
            channel.queueBind(queue, Topology.ANALYTICS_EXCHANGE, "index.#");
            channel.queueBind(queue, Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.SCORE_UPDATED);
            channel.queueBind(queue, Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_STATUS_CHANGED);
            channel.basicConsume(queue, true,
                    (tag, delivery) -> handle(delivery.getEnvelope().getRoutingKey(), delivery.getBody()),
                    tag -> {
                        attached = false;
                        lastProblem = "consumer cancelled by the broker";
                    });
            if (conn instanceof Recoverable recoverable) {
                recoverable.addRecoveryListener(new RecoveryListener() {
                    @Override
                    public void handleRecovery(Recoverable r) {
                        attached = true;
                        LOG.info("push feed recovered its connection");
                    }

                    @Override
                    public void handleRecoveryStarted(Recoverable r) {
                        attached = false;
                    }
                });
            }
            conn.addShutdownListener(cause -> {
                attached = false;
                if (!cause.isInitiatedByApplication()) {
                    lastProblem = "connection lost: " + cause.getMessage();
                }
            });
            attached = true;
            lastProblem = null;
            return conn;
        } catch (Exception e) {
            conn.abort();
            throw e;
        }
    }

    /**
     * One message: remembered as its key's latest value and pushed to the clients following it.
     * Never throws: an exception in a consumer callback would close the channel.
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
