package io.marketdata.messaging;

import io.marketdata.contracts.Topology;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Dead letters with their reason (SPEC §4.5): a copy of the message that cannot be handled goes to
 * the {@code dead_letters} exchange with routing key = the consuming queue (so it lands in
 * {@code <queue>.dlq}), persistent, its message id, correlation id and headers kept, plus
 * {@code x-dead-letter-reason}, {@code x-original-routing-key} and {@code x-original-queue}. The
 * returned Uni completes on the broker's confirm: only then may the caller ack the original.
 */
@ApplicationScoped
public class DeadLetters {

    /** Longest reason kept in the header. */
    static final int MAX_REASON_LENGTH = 500;

    @Inject
    @Channel("dead-letters")
    MutinyEmitter<byte[]> emitter;

    public Uni<Void> send(String queue, IncomingRabbitMQMetadata original, byte[] body, String reason) {
        Map<String, Object> headers = new HashMap<>();
        if (original != null && original.getHeaders() != null) {
            headers.putAll(original.getHeaders());
        }
        String bounded = reason == null ? "unknown" : reason.length() <= MAX_REASON_LENGTH ? reason
                : reason.substring(0, MAX_REASON_LENGTH) + "…";
        headers.put(Topology.DEAD_LETTER_REASON_HEADER, bounded);
        headers.put(Topology.ORIGINAL_QUEUE_HEADER, queue);
        if (original != null && original.getRoutingKey() != null) {
            headers.put(Topology.ORIGINAL_ROUTING_KEY_HEADER, original.getRoutingKey());
        }
        OutgoingRabbitMQMetadata.Builder metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(queue)
                .withHeaders(headers)
                .withDeliveryMode(2)
                .withTimestamp(ZonedDateTime.now());
        if (original != null) {
            original.getMessageId().ifPresent(metadata::withMessageId);
            original.getCorrelationId().ifPresent(metadata::withCorrelationId);
            original.getContentType().ifPresent(metadata::withContentType);
            original.getContentEncoding().ifPresent(metadata::withContentEncoding);
            original.getAppId().ifPresent(metadata::withAppId);
        }
        return emitter.sendMessage(Message.of(body == null ? new byte[0] : body, Metadata.of(metadata.build())));
    }

    /** The body of an incoming message as bytes (the channels override the content type to get them raw). */
    public static byte[] bytes(Object payload) {
        if (payload instanceof byte[] raw) {
            return raw;
        }
        if (payload instanceof io.vertx.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        return payload == null ? new byte[0] : payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
