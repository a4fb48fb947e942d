package io.marketdata.orderbook.consume;

import io.marketdata.contracts.Topology;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Copies a message that can never be handled to {@code dead_letters} (routing key = the consumed
 * queue, so it lands in {@code <queue>.dlq}) through the outgoing channel {@code dead-letters}, with
 * publisher confirms, asynchronously: the handler never waits. The original is acknowledged only
 * once the broker confirmed the copy, and nacked with requeue if the broker nacks it, the connector
 * gives up or no confirm comes within {@code dead-letter.confirm-timeout}.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);
    /** Header values are bounded: a reason quoting a huge input must not make a huge header. */
    private static final int MAX_REASON = 1_000;

    /** More than the prefetch: every unconfirmed dead letter holds one unacknowledged delivery. */
    @Inject
    @Channel("dead-letters")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16_384)
    MutinyEmitter<byte[]> emitter;
    @Inject
    OrderbookConfig config;
    @Inject
    MeterRegistry registry;

    private final AtomicInteger unconfirmed = new AtomicInteger();
    private Counter deadLettered;
    private Counter failures;

    @PostConstruct
    void init() {
        deadLettered = Counter.builder("orderbook_dead_lettered_total")
                .description("Messages copied to the dead-letter queue, broker-confirmed").register(registry);
        failures = Counter.builder("orderbook_dead_letter_failures_total")
                .description("Dead letters nacked or unconfirmed: their originals were requeued").register(registry);
    }

    /** Dead letters sent and not yet confirmed (or failed): each holds its original unacknowledged. */
    public int unconfirmed() {
        return unconfirmed.get();
    }

    /** Sends the copy of {@code original}; acknowledges it on the confirm, requeues it on a failure. */
    void send(Message<?> original, IncomingRabbitMQMetadata props, String queue, byte[] body, String reason) {
        String routingKey = props == null || props.getRoutingKey() == null ? "" : props.getRoutingKey();
        unconfirmed.incrementAndGet();
        Message<byte[]> message;
        try {
            message = Message.of(body, Metadata.of(metadata(queue, routingKey, props, reason)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not build the dead letter of %s", routingKey);
            failed(original, routingKey, e);
            return;
        }
        Uni<Void> sent;
        try {
            sent = emitter.sendMessage(message);
        } catch (RuntimeException e) {
            // the emitter's buffer is full or the channel is down: the broker gets the original back
            failed(original, routingKey, e);
            return;
        }
        sent.ifNoItem().after(config.deadLetter().confirmTimeout()).fail()
                .subscribe().with(ok -> {
                    deadLettered.increment();
                    LOG.warnf("dead-lettered %s: %s", routingKey, reason);
                    original.ack().whenComplete((v, e) -> unconfirmed.decrementAndGet());
                }, e -> failed(original, routingKey, e));
    }

    private void failed(Message<?> original, String routingKey, Throwable e) {
        failures.increment();
        LOG.errorf("could not dead-letter %s, requeued: %s", routingKey, e.toString());
        original.nack(e, Metadata.of(new RabbitMQRejectMetadata(true)))
                .whenComplete((v, x) -> unconfirmed.decrementAndGet());
    }

    private static OutgoingRabbitMQMetadata metadata(String queue, String routingKey, IncomingRabbitMQMetadata props,
            String reason) {
        Map<String, Object> headers = new HashMap<>();
        if (props != null && props.getHeaders() != null) {
            props.getHeaders().forEach((k, v) -> headers.put(k, v instanceof CharSequence cs ? cs.toString() : v));
        }
        headers.put(Topology.DEAD_LETTER_REASON_HEADER, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason);
        headers.put(Topology.ORIGINAL_ROUTING_KEY_HEADER, routingKey);
        headers.put(Topology.ORIGINAL_QUEUE_HEADER, queue);
        OutgoingRabbitMQMetadata.Builder b = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(queue)
                .withDeliveryMode(2)
                .withHeaders(headers)
                .withContentType(Topology.CONTENT_TYPE);
        if (props != null) {
            props.getContentType().ifPresent(b::withContentType);
            props.getMessageId().ifPresent(b::withMessageId);
            props.getCorrelationId().ifPresent(b::withCorrelationId);
            props.getAppId().ifPresent(b::withAppId);
            props.getType().ifPresent(b::withType);
            props.getTimestamp(ZoneOffset.UTC).ifPresent(b::withTimestamp);
        }
        return b.build();
    }
}
