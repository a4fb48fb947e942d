package io.marketdata.collector.publish;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.marketdata.contracts.Topology;
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
}
