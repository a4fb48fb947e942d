package io.marketdata.contracts.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.marketdata.contracts.Topology;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Consuming queues and their dead-letter queues (SPEC §4.5). Every consumer declares its queue with
 * the same arguments through here, so producers and consumers never disagree on them.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * Declares {@code queue} (durable) dead-lettering into {@code dead_letters} with routing key
     * {@code queue}, and {@code <queue>.dlq} bound to receive those messages.
     */
    public static void declareQueueWithDeadLetters(Channel channel, String queue) throws IOException {
        channel.exchangeDeclare(Topology.DEAD_LETTER_EXCHANGE, BuiltinExchangeType.DIRECT, true);
        String dlq = Topology.deadLetterQueue(queue);
        channel.queueDeclare(dlq, true, false, false, null);
        channel.queueBind(dlq, Topology.DEAD_LETTER_EXCHANGE, queue);
        channel.queueDeclare(queue, true, false, false, Map.of(
                "x-dead-letter-exchange", Topology.DEAD_LETTER_EXCHANGE,
                "x-dead-letter-routing-key", queue));
    }

    /**
     * Publishes a copy of a message that cannot be handled to {@code queue}'s dead-letter queue,
     * persistent, with the original properties and the reason in {@value Topology#DEAD_LETTER_REASON_HEADER}.
     * A plain reject would dead-letter it too, but without saying why.
     */
    public static void publish(Channel channel, String queue, String routingKey, AMQP.BasicProperties original,
            byte[] body, String reason) throws IOException {
        Map<String, Object> headers = new HashMap<>();
        if (original != null && original.getHeaders() != null) {
            headers.putAll(original.getHeaders());
        }
        headers.put(Topology.DEAD_LETTER_REASON_HEADER, reason);
        headers.put(Topology.ORIGINAL_ROUTING_KEY_HEADER, routingKey);
        headers.put(Topology.ORIGINAL_QUEUE_HEADER, queue);
        AMQP.BasicProperties.Builder props = original == null ? new AMQP.BasicProperties.Builder() : original.builder();
        channel.basicPublish(Topology.DEAD_LETTER_EXCHANGE, queue, props.headers(headers).deliveryMode(2).build(), body);
    }
}
