package io.marketdata.orderbook.consume;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.marketdata.contracts.Topology;
import java.io.IOException;
import java.util.Map;

/**
 * The consumed queue and its dead-letter queue (SPEC §4.5), with the arguments every consuming queue
 * has (lifecycle's and scoring's get the same from the connector's {@code auto-bind-dlq}); changing
 * them would make a broker that has the queue already refuse the declaration (406). Plain raw-client
 * code without CDI: deploy/bench/OrderbookLoad.java declares the service's queue with it too.
 */
public final class DeadLetterQueues {

    private DeadLetterQueues() {
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
}
