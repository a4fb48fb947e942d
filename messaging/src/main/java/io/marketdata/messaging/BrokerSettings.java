package io.marketdata.messaging;

import io.vertx.rabbitmq.RabbitMQOptions;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The broker settings every channel of the SmallRye connector uses ({@code rabbitmq-host}, {@code -port},
 * {@code -username}, {@code -password}, {@code -virtual-host}), read once here for the few places that
 * connect outside a channel: the two documented raw-client hot paths (collector's market-data publisher,
 * orderbook's book consumer), which build their RabbitMQ Java client connections from it in their own
 * package, and the collector's one-off declaration of its consumers' queues (a Vert.x client).
 */
public record BrokerSettings(String host, int port, String username, String password, String virtualHost) {

    public static BrokerSettings fromConfig() {
        Config c = ConfigProvider.getConfig();
        return new BrokerSettings(
                c.getOptionalValue("rabbitmq-host", String.class).orElse("localhost"),
                c.getOptionalValue("rabbitmq-port", Integer.class).orElse(5672),
                c.getOptionalValue("rabbitmq-username", String.class).orElse("guest"),
                c.getOptionalValue("rabbitmq-password", String.class).orElse("guest"),
                c.getOptionalValue("rabbitmq-virtual-host", String.class).orElse("/"));
    }

    /** Options of a Vert.x RabbitMQ client (the connector's own client) that does not reconnect. */
    public RabbitMQOptions vertxOptions(String connectionName) {
        return new RabbitMQOptions().setHost(host).setPort(port).setUser(username).setPassword(password)
                .setVirtualHost(virtualHost).setConnectionName(connectionName)
                .setAutomaticRecoveryEnabled(false).setReconnectAttempts(0);
    }

    /** {@code host:port/vhost}, for log lines (never the credentials). */
    public String describe() {
        return host + ":" + port + (virtualHost.startsWith("/") ? virtualHost : "/" + virtualHost);
    }

    @Override
    public String toString() {
        return "BrokerSettings[" + username + "@" + describe() + "]";
    }
}
