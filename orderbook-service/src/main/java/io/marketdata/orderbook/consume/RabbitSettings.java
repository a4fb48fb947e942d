package io.marketdata.orderbook.consume;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The broker settings ({@code rabbitmq-*}, the same keys the SmallRye connector reads) and the raw
 * client's connections made from them, for {@link BookConsumer} only.
 */
@ApplicationScoped
public class RabbitSettings {

    @ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost")
    String host;
    @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672")
    int port;
    @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest")
    String username;
    @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest")
    String password;
    @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/")
    String virtualHost;

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

    /** {@code host:port/vhost}, for log lines. */
    public String describe() {
        return host + ":" + port + (virtualHost.startsWith("/") ? virtualHost : "/" + virtualHost);
    }
}
