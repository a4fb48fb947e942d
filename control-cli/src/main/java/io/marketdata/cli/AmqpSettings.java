package io.marketdata.cli;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Where the broker is and how to log in: what {@code --host/--port/--user/--password/--vhost}
 * (or their environment variables) give. Other modules' tests use it too, through this module's
 * thin jar in test scope, for their own raw-client connections.
 */
public record AmqpSettings(String host, int port, String username, String password, String virtualHost) {

    /** A factory for these settings: 5 s to connect, 15 s heartbeat, no automatic recovery. */
    public ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        factory.setConnectionTimeout(5_000);
        factory.setRequestedHeartbeat(15);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        return factory;
    }

    /** @param clientName shown in the management UI */
    public Connection open(String clientName) throws IOException, TimeoutException {
        return connectionFactory().newConnection(clientName);
    }

    /** {@code host:port/vhost}, for messages. */
    public String describe() {
        return host + ":" + port + (virtualHost.startsWith("/") ? virtualHost : "/" + virtualHost);
    }
}
