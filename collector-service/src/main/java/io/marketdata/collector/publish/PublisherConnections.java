package io.marketdata.collector.publish;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.marketdata.messaging.BrokerSettings;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** RabbitMQ Java client connections of this package (the one place of the collector that uses that client). */
public final class PublisherConnections {

    private PublisherConnections() {
    }

    /**
     * A connection without automatic recovery: {@link MarketDataPublisher} reopens it itself, so that
     * what was in flight at the drop is re-sent from its buffer rather than recovered by the client.
     *
     * @param clientName shown in the management UI, {@code <service>/<purpose>}
     */
    public static Connection open(BrokerSettings broker, String clientName) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        factory.setConnectionTimeout(5_000);
        factory.setRequestedHeartbeat(15);
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection(clientName);
    }
}
