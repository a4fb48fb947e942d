package io.marketdata.collector.control;

import io.marketdata.messaging.DeadLetters;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.control.ControlCommand;
import io.marketdata.contracts.control.ControlRequest;
import io.marketdata.contracts.control.ControlResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Consumes {@code futures_collector_control} (channel {@code control}) one request at a time and
 * answers on {@code futures_collector_responses} (channel {@code control-responses}, key
 * {@code control.response.<command>}, or {@code control.response.invalid} / {@code .unknown} when the
 * command is not a known one / could not be read) and, when the request has {@code reply_to}, on that
 * queue through the default exchange (channel {@code control-replies}). A request is acknowledged
 * only after its responses were confirmed. A redelivered request (same correlation id) gets the
 * response it already had. A request whose {@code x-expires-at} has passed is dropped unexecuted,
 * counted and acked. Nothing that happens with one message stops the consumer: a request that
 * cannot be answered is dead-lettered with the reason, and the next one is handled.
 */
@ApplicationScoped
public class ControlListener {

    private static final Logger LOG = Logger.getLogger(ControlListener.class);

    @Inject
    ControlHandler handler;
    @Inject
    DeadLetters deadLetters;
    @Inject
    MeterRegistry registry;
    @Inject
    @Channel("control-responses")
    MutinyEmitter<byte[]> responses;
    @Inject
    @Channel("control-replies")
    MutinyEmitter<byte[]> replies;
    @Inject
    io.marketdata.collector.config.CollectorConfig config;

    private AnsweredRequests answered;
    private ExecutorService worker;
    private Counter expired;
    private Counter deadLettered;

    @PostConstruct
    void init() {
        answered = new AnsweredRequests(config.control().answeredMaxEntries(), config.control().answeredMaxBytes());
        // the handler does JDBC: requests are executed on their own thread, never on the event loop
        worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "control"));
        expired = Counter.builder("collector_control_expired_total")
                .description("Control requests dropped unexecuted because their x-expires-at had passed").register(registry);
        deadLettered = Counter.builder("collector_control_dead_lettered_total")
                .description("Control requests that could not be answered, sent to the DLQ with the reason").register(registry);
        Gauge.builder("collector_control_answered_bytes", answered, AnsweredRequests::bytes)
                .description("Bytes held for answering redelivered control requests (bounded)").register(registry);
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }

    /** What to send for one request; null when nothing is sent (expired). */
    record Answer(byte[] payload, String routingKey, String correlationId, String replyTo, String command,
            String outcome) {
    }

    @Incoming("control")
    public Uni<Void> onRequest(Message<byte[]> message) {
        IncomingRabbitMQMetadata metadata = message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null);
        byte[] body = DeadLetters.bytes(message.getPayload());
        return Uni.createFrom().item(() -> decide(body, metadata)).runSubscriptionOn(worker)
                .chain(answer -> answer == null ? Uni.createFrom().voidItem() : publish(answer))
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> deadLetter(message, metadata, body, failure));
    }

    Answer decide(byte[] body, IncomingRabbitMQMetadata metadata) {
        String propertyCorrelationId = metadata == null ? null
                : ControlHandler.validCorrelationId(metadata.getCorrelationId().orElse(null));
        Long expiresAt = metadata == null ? null : expiresAt(metadata);
        long now = System.currentTimeMillis();
        if (expiresAt != null && expiresAt < now) {
            expired.increment();
            LOG.warnf("[control] request %s expired %d ms before it arrived (x-expires-at %d); dropped unexecuted",
                    propertyCorrelationId, now - expiresAt, expiresAt);
            return null;
        }
        byte[] previous = metadata != null && metadata.isRedeliver() ? previousAnswer(propertyCorrelationId, body) : null;
        ControlResponse response = previous != null ? readResponse(previous) : handler.handle(body, propertyCorrelationId);
        String correlationId = response.correlationId() != null ? response.correlationId() : propertyCorrelationId;
        byte[] payload = previous != null ? previous : Json.toBytes(withCorrelation(response, correlationId));
        if (correlationId != null && previous == null) {
            answered.remember(correlationId, payload);
        }
        String command = ControlCommand.fromWire(response.command()).map(ControlCommand::wireName)
                .orElse(response.command() == null ? "unknown" : "invalid");
        String replyTo = metadata == null ? null : metadata.getReplyTo().filter(r -> !r.isBlank()).orElse(null);
        return new Answer(payload, ControlHandler.routingKey(response), correlationId, replyTo, command,
                response.success() ? "ok" : response.error());
    }

    private Uni<Void> publish(Answer answer) {
        Uni<Void> sent = responses.sendMessage(Message.of(answer.payload(), Metadata.of(properties(answer, answer.routingKey()))));
        if (answer.replyTo() != null) {
            Uni<Void> reply = replies.sendMessage(Message.of(answer.payload(), Metadata.of(properties(answer, answer.replyTo()))));
            sent = Uni.combine().all().unis(sent, reply).discardItems();
        }
        return sent.ifNoItem().after(config.control().confirmTimeout()).fail()
                .invoke(() -> {
                    registry.counter("collector_control_commands_total", "command", answer.command(), "outcome",
                            answer.outcome()).increment();
                    MDC.put("correlation_id", answer.correlationId() == null ? "" : answer.correlationId());
                    LOG.infof("[control] %s -> %s", answer.command(), answer.outcome());
                    MDC.remove("correlation_id");
                });
    }

    private static OutgoingRabbitMQMetadata properties(Answer answer, String routingKey) {
        return OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(routingKey)
                .withCorrelationId(answer.correlationId())
                .withMessageId(UUID.randomUUID().toString())
                .withContentType(Topology.CONTENT_TYPE)
                .withContentEncoding("UTF-8")
                .withDeliveryMode(2)
                .withTimestamp(ZonedDateTime.now())
                .withAppId("collector-service")
                .withHeader(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION)
                .build();
    }

    /** A request that could not be answered: to the DLQ with the reason, then acked; the consumer goes on. */
    private Uni<Void> deadLetter(Message<?> message, IncomingRabbitMQMetadata metadata, byte[] body, Throwable failure) {
        String reason = "control request not answered: " + failure;
        LOG.errorf("[control] %s; dead-lettering it", reason);
        return deadLetters.send(Topology.CONTROL_QUEUE, metadata, body, reason)
                .invoke(() -> deadLettered.increment())
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(e -> Uni.createFrom().completionStage(message.nack(e)));
    }

    /** {@code x-expires-at} in epoch ms, or null when absent or unreadable (then the request runs). */
    static Long expiresAt(IncomingRabbitMQMetadata metadata) {
        Object value = metadata.getHeaders() == null ? null : metadata.getHeaders().get(Topology.CONTROL_EXPIRES_AT_HEADER);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value != null) {
            try {
                return Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The response already given to a redelivered request, so it is not executed twice. */
    private byte[] previousAnswer(String propertyCorrelationId, byte[] body) {
        String correlationId = propertyCorrelationId;
        if (correlationId == null && body.length <= ControlRequest.MAX_BODY_BYTES) {
            try {
                com.fasterxml.jackson.databind.JsonNode node = Json.MAPPER.readTree(body);
                correlationId = node != null && node.path("correlation_id").isTextual()
                        ? ControlHandler.validCorrelationId(node.get("correlation_id").textValue()) : null;
            } catch (java.io.IOException | RuntimeException e) {
                return null;
            }
        }
        return correlationId == null ? null : answered.get(correlationId);
    }

    private static ControlResponse readResponse(byte[] payload) {
        try {
            return Json.fromBytes(payload, ControlResponse.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a remembered response is unreadable", e);
        }
    }

    /** The response carries the request's correlation id also when only the AMQP property had it. */
    private static ControlResponse withCorrelation(ControlResponse response, String correlationId) {
        if (response.correlationId() != null || correlationId == null) {
            return response;
        }
        return new ControlResponse(correlationId, response.success(), response.command(), response.message(),
                response.data(), response.error(), response.timestamp());
    }

    /** Bytes held for redeliveries (≤ {@code collector.control.answered-max-bytes}). */
    public long answeredBytes() {
        return answered.bytes();
    }

    public long answeredMaxBytes() {
        return answered.maxBytes();
    }
}
