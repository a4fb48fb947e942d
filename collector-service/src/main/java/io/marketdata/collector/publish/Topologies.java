package io.marketdata.collector.publish;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.marketdata.contracts.Topology;
import java.io.IOException;
import java.util.Map;

/** Declares what the collector publishes to and consumes from; every declaration is idempotent. */
public final class Topologies {

    private Topologies() {
    }

    public static void declareMarketData(Channel channel) throws IOException {
        channel.exchangeDeclare(Topology.MARKET_DATA_EXCHANGE, BuiltinExchangeType.TOPIC, true);
    }

    /** The control queue (dead-lettering into {@code dead_letters}) and the responses exchange. */
    public static void declareControl(Channel channel) throws IOException {
        channel.exchangeDeclare(Topology.CONTROL_RESPONSES_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(Topology.DEAD_LETTER_EXCHANGE, BuiltinExchangeType.DIRECT, true);
        String dlq = Topology.deadLetterQueue(Topology.CONTROL_QUEUE);
        channel.queueDeclare(dlq, true, false, false, null);
        channel.queueBind(dlq, Topology.DEAD_LETTER_EXCHANGE, Topology.CONTROL_QUEUE);
        channel.queueDeclare(Topology.CONTROL_QUEUE, true, false, false, Map.of(
                "x-dead-letter-exchange", Topology.DEAD_LETTER_EXCHANGE,
                "x-dead-letter-routing-key", Topology.CONTROL_QUEUE));
    }
}
