package io.marketdata.contracts.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the broker is, from the {@code rabbitmq-host/port/username/password/virtual-host} settings
 * every service shares (the same keys as the SmallRye RabbitMQ connector).
 */
public record AmqpSettings(String host, int port, String username, String password, String virtualHost) {

    /** From the service's MicroProfile configuration (application.properties, environment, …). */
    public static AmqpSettings fromConfig() {
        Config c = ConfigProvider.getConfig();
        return new AmqpSettings(
                c.getOptionalValue("rabbitmq-host", String.class).orElse("localhost"),
                c.getOptionalValue("rabbitmq-port", Integer.class).orElse(5672),
                c.getOptionalValue("rabbitmq-username", String.class).orElse("guest"),
                c.getOptionalValue("rabbitmq-password", String.class).orElse("guest"),
                c.getOptionalValue("rabbitmq-virtual-host", String.class).orElse("/"));
    }

    /**
     * @param clientName   shown in the management UI as {@code <service>/<name>}
     * @param autoRecovery let the client re-open the connection, channels and consumers itself
     */
    public Connection open(String clientName, boolean autoRecovery) throws IOException, TimeoutException {
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

    public String describe() {
        return host + ":" + port + (virtualHost.startsWith("/") ? virtualHost : "/" + virtualHost);
    }
}
