package io.marketdata.collector.publish;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Opens AMQP connections from the same {@code rabbitmq-*} settings the SmallRye connector of the
 * other services uses. The collector talks to the broker with the RabbitMQ Java client directly
 * because it needs explicit publisher confirms, its own outage buffer and RPC-style replies.
 */
@ApplicationScoped
public class RabbitConnectionFactory {

    private final AmqpSettings settings = AmqpSettings.fromConfig();

    /**
     * @param name           shown in the management UI
     * @param autoRecovery   let the client re-open the connection, channels and consumers itself
     */
    public Connection open(String name, boolean autoRecovery) throws IOException, TimeoutException {
        return settings.open("collector-service/" + name, autoRecovery);
    }

    public String describe() {
        return settings.describe();
    }

    /** The {@code rabbitmq-*} settings; kept here since contracts no longer holds client code. */
    private record AmqpSettings(String host, int port, String username, String password, String virtualHost) {

        static AmqpSettings fromConfig() {
            Config c = ConfigProvider.getConfig();
            return new AmqpSettings(
                    c.getOptionalValue("rabbitmq-host", String.class).orElse("localhost"),
                    c.getOptionalValue("rabbitmq-port", Integer.class).orElse(5672),
                    c.getOptionalValue("rabbitmq-username", String.class).orElse("guest"),
                    c.getOptionalValue("rabbitmq-password", String.class).orElse("guest"),
                    c.getOptionalValue("rabbitmq-virtual-host", String.class).orElse("/"));
        }

        Connection open(String clientName, boolean autoRecovery) throws IOException, TimeoutException {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(host);
            factory.setPort(port);
            factory.setUsername(username);
            factory.setPassword(password);
            factory.setVirtualHost(virtualHost);
            factory.setConnectionTimeout(5_000);
            factory.setRequestedHeartbeat(15);
            factory.setAutomaticRecoveryEnabled(autoRecovery);
            factory.setTopologyRecoveryEnabled(autoRecovery);
            factory.setNetworkRecoveryInterval(2_000);
            return factory.newConnection(clientName);
        }

        String describe() {
            return host + ":" + port + (virtualHost.startsWith("/") ? virtualHost : "/" + virtualHost);
        }
    }
}
