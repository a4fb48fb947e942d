package io.marketdata.orderbook.consume;

import io.marketdata.contracts.amqp.AmqpSettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The broker settings ({@code rabbitmq-*}, the same keys as the SmallRye connector). */
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

    public AmqpSettings settings() {
        return new AmqpSettings(host, port, username, password, virtualHost);
    }
}
