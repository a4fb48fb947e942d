package io.marketdata.orderbook.consume;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import io.marketdata.contracts.Topology;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Copies a message that can never be handled to {@code dead_letters} (routing key = the consumed
 * queue, so it lands in {@code <queue>.dlq}) through the outgoing channel {@code dead-letters}, with
 * publisher confirms, asynchronously: the delivery thread never waits. The original is acknowledged
 * ({@link Settlements#deadLetterConfirmed}) only once the broker confirmed the copy, and nacked with
 * requeue if the broker nacks it, the connector gives up or no confirm comes within
 * {@code dead-letter.confirm-timeout}.
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

    /** Acks and nacks go to the raw channel from here, not from the connector's event loop. */
    private final ExecutorService settler = Executors.newSingleThreadExecutor(r -> new Thread(r, "dead-letter-settle"));
    private Counter deadLettered;
    private Counter failures;

    @PostConstruct
    void init() {
        deadLettered = Counter.builder("orderbook_dead_lettered_total")
                .description("Messages copied to the dead-letter queue, broker-confirmed").register(registry);
        failures = Counter.builder("orderbook_dead_letter_failures_total")
                .description("Dead letters nacked or unconfirmed: their originals were requeued").register(registry);
    }

    @PreDestroy
    void close() {
        settler.shutdown();
    }

    /** Sends the copy; settles {@code tag} on {@code settlements} when the broker answers. */
    void send(Settlements settlements, long tag, String queue, String routingKey, AMQP.BasicProperties props, byte[] body,
            String reason) {
        settlements.deadLetterSent(tag);
        Message<byte[]> message;
        try {
            message = Message.of(body, Metadata.of(metadata(queue, routingKey, props, reason)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not build the dead letter of %s", routingKey);
            settler.execute(() -> settlements.deadLetterFailed(tag));
            return;
        }
        Uni<Void> sent;
        try {
            sent = emitter.sendMessage(message);
        } catch (RuntimeException e) {
            // the emitter's buffer is full or the channel is down: the broker gets the original back
            failed(settlements, tag, routingKey, e);
            return;
        }
        sent.ifNoItem().after(config.deadLetter().confirmTimeout()).fail()
                .emitOn(settler)
                .subscribe().with(ok -> {
                    settlements.deadLetterConfirmed(tag);
                    deadLettered.increment();
                    LOG.warnf("dead-lettered %s: %s", routingKey, reason);
                }, e -> failed(settlements, tag, routingKey, e));
    }

    private void failed(Settlements settlements, long tag, String routingKey, Throwable e) {
        failures.increment();
        LOG.errorf("could not dead-letter %s, requeued: %s", routingKey, e.toString());
        settler.execute(() -> settlements.deadLetterFailed(tag));
    }

    private static OutgoingRabbitMQMetadata metadata(String queue, String routingKey, AMQP.BasicProperties props,
            String reason) {
        Map<String, Object> headers = new HashMap<>();
        if (props != null && props.getHeaders() != null) {
            props.getHeaders().forEach((k, v) -> headers.put(k, v instanceof LongString ? v.toString() : v));
        }
        headers.put(Topology.DEAD_LETTER_REASON_HEADER, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason);
        headers.put(Topology.ORIGINAL_ROUTING_KEY_HEADER, routingKey);
        headers.put(Topology.ORIGINAL_QUEUE_HEADER, queue);
        OutgoingRabbitMQMetadata.Builder b = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(queue)
                .withDeliveryMode(2)
                .withHeaders(headers)
                .withContentType(props != null && props.getContentType() != null ? props.getContentType() : Topology.CONTENT_TYPE);
        if (props != null) {
            if (props.getMessageId() != null) {
                b.withMessageId(props.getMessageId());
            }
            if (props.getCorrelationId() != null) {
                b.withCorrelationId(props.getCorrelationId());
            }
            if (props.getAppId() != null) {
                b.withAppId(props.getAppId());
            }
            if (props.getType() != null) {
                b.withType(props.getType());
            }
            if (props.getTimestamp() != null) {
                b.withTimestamp(Instant.ofEpochMilli(props.getTimestamp().getTime()).atZone(ZoneOffset.UTC));
            }
        }
        return b.build();
    }
}
