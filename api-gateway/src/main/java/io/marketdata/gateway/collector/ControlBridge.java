package io.marketdata.gateway.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.control.ControlOutcome;
import io.marketdata.contracts.control.ControlRequest;
import io.marketdata.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * RPC over the collector's control queue on the SmallRye RabbitMQ connector. A request goes out on
 * {@code control-requests} (default exchange, routing key = the control queue, publisher-confirmed)
 * with {@code reply_to} = this replica's own reply queue ({@code control-replies}: uniquely named,
 * exclusive, auto-delete, re-declared by the connector after a reconnect); answers are matched to
 * the waiting call by correlation id. Every request expires with the caller's timeout: header
 * {@code x-expires-at} (epoch ms) for the collector and the AMQP {@code expiration} for the broker.
 *
 * <p>The default exchange drops a message for a queue that does not exist, and the connector cannot
 * publish mandatory, so before sending, the control queue's existence is checked with a passive
 * declare (declares nothing) on a small Vert.x RabbitMQ client of the connector's own library.
 */
@ApplicationScoped
public class ControlBridge {

    private static final Logger LOG = Logger.getLogger(ControlBridge.class);
    /** Calls waiting for an answer at once; more are refused (503) instead of growing the map. */
    static final int MAX_PENDING = 1_000;

    @Inject
    GatewayConfig config;
    @Inject
    Vertx vertx;
    @Inject
    @Channel("control-requests")
    Emitter<byte[]> requests;
    @ConfigProperty(name = "mp.messaging.incoming.control-replies.queue.name")
    String replyQueue;
    @ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost")
    String host;
    @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672")
    int port;
    @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest")
    String username;
    @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest")
    String password;
    @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/")
    String virtualHost;

    private final Map<String, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger foreign = new AtomicInteger();
    private RabbitMQClient probe;

    /** Sends {@code request} to {@code queue} and waits up to {@code timeout} for its answer (blocking). */
    public ControlOutcome call(String queue, ControlRequest request, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ControlOutcome missing = checkQueue(queue, timeout);
        if (missing != null) {
            return missing;
        }
        if (pending.size() >= MAX_PENDING) {
            return new ControlOutcome.BrokerUnavailable("too many control requests waiting for an answer");
        }
        String correlationId = request.correlationId();
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        pending.put(correlationId, answer);
        int foreignBefore = foreign.get();
        try {
            CompletableFuture<Void> confirmed = new CompletableFuture<>();
            try {
                requests.send(Message.of(Json.toBytes(request), Metadata.of(metadata(queue, request, timeout)),
                        () -> settle(confirmed, null), e -> settle(confirmed, e)));
                confirmed.get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return new ControlOutcome.BrokerUnavailable("the broker did not confirm the request in time");
            } catch (ExecutionException e) {
                return new ControlOutcome.BrokerUnavailable("the broker refused the request: " + e.getCause());
            } catch (RuntimeException e) {
                return new ControlOutcome.BrokerUnavailable("the request could not be sent: " + e);
            }
            try {
                byte[] body = answer.get(Math.max(0, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
                return new ControlOutcome.Answered(body, foreign.get() - foreignBefore);
            } catch (TimeoutException e) {
                return new ControlOutcome.TimedOut(timeout, foreign.get() - foreignBefore);
            } catch (ExecutionException e) {
                return new ControlOutcome.BrokerUnavailable(String.valueOf(e.getCause()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ControlOutcome.TimedOut(timeout, 0);
        } finally {
            pending.remove(correlationId);
        }
    }

    /** One answer on this replica's reply queue (auto-acknowledged: a late answer has nobody waiting). */
    @Incoming("control-replies")
    public CompletionStage<Void> onReply(Message<byte[]> message) {
        byte[] body = message.getPayload();
        String correlationId = message.getMetadata(IncomingRabbitMQMetadata.class)
                .flatMap(IncomingRabbitMQMetadata::getCorrelationId).orElseGet(() -> correlationIdOf(body));
        CompletableFuture<byte[]> waiting = correlationId == null ? null : pending.get(correlationId);
        if (waiting != null) {
            waiting.complete(body);
        } else {
            foreign.incrementAndGet();
            LOG.debugf("control answer for nobody waiting (correlation id %s): late or foreign", correlationId);
        }
        return message.ack();
    }

    int pendingCount() {
        return pending.size();
    }

    private OutgoingRabbitMQMetadata metadata(String queue, ControlRequest request, Duration timeout) {
        long now = System.currentTimeMillis();
        return OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(queue)
                .withContentType(Topology.CONTENT_TYPE).withContentEncoding("utf-8")
                .withMessageId(UUID.randomUUID().toString())
                .withCorrelationId(request.correlationId())
                .withReplyTo(replyQueue)
                .withTimestamp(Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC))
                .withDeliveryMode(2)
                .withExpiration(Long.toString(Math.max(1, timeout.toMillis())))
                .withHeader(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION)
                .withHeader(Topology.CONTROL_EXPIRES_AT_HEADER, now + timeout.toMillis())
                .withAppId("api-gateway")
                .build();
    }

    /** Null when {@code queue} exists; else why the request cannot be sent. */
    private synchronized ControlOutcome checkQueue(String queue, Duration timeout) {
        try {
            if (probe == null) {
                probe = RabbitMQClient.create(vertx, new RabbitMQOptions().setHost(host).setPort(port).setUser(username)
                        .setPassword(password).setVirtualHost(virtualHost).setConnectionName("api-gateway/control-probe")
                        .setConnectionTimeout((int) Math.min(timeout.toMillis(), 5_000)).setReconnectAttempts(0)
                        .setAutomaticRecoveryEnabled(false));
                probe.start().await().atMost(timeout);
            }
            probe.messageCount(queue).await().atMost(timeout);
            return null;
        } catch (RuntimeException e) {
            boolean notFound = String.valueOf(describe(e)).contains("NOT_FOUND");
            closeProbe(); // after a channel error (or a lost connection) the next call starts over
            return notFound ? new ControlOutcome.QueueMissing(queue)
                    : new ControlOutcome.BrokerUnavailable("cannot reach RabbitMQ at " + host + ":" + port + ": " + describe(e));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        closeProbe();
    }

    private synchronized void closeProbe() {
        if (probe != null) {
            RabbitMQClient client = probe;
            probe = null;
            client.stop().subscribe().with(ok -> { }, e -> { });
        }
    }

    private static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null && out.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            out.append(out.length() == 0 ? "" : " ← ").append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return out.toString();
    }

    private static CompletionStage<Void> settle(CompletableFuture<Void> confirmed, Throwable error) {
        if (error == null) {
            confirmed.complete(null);
        } else {
            confirmed.completeExceptionally(error);
        }
        return CompletableFuture.completedFuture(null);
    }

    private static String correlationIdOf(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            JsonNode field = node == null ? null : node.get("correlation_id");
            return field != null && field.isTextual() ? field.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }
}
