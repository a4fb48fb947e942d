package io.marketdata.collector.publish;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.amqp.DeadLetters;
import java.io.IOException;

/** Declares what the collector publishes to and consumes from; every declaration is idempotent. */
public final class Topologies {

    private Topologies() {
    }

    /** The exchanges the publisher writes to: market data and (PumpPortal migrations) token events. */
    public static void declareOutputs(Channel channel) throws IOException {
        channel.exchangeDeclare(Topology.MARKET_DATA_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(Topology.TOKEN_EVENTS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
    }

    /** The control queue (dead-lettering into {@code dead_letters}) and the responses exchange. */
    public static void declareControl(Channel channel) throws IOException {
        channel.exchangeDeclare(Topology.CONTROL_RESPONSES_EXCHANGE, BuiltinExchangeType.TOPIC, true);
        DeadLetters.declareQueueWithDeadLetters(channel, Topology.CONTROL_QUEUE);
    }
}
