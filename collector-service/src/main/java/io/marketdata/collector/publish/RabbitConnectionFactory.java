package io.marketdata.collector.publish;

import com.rabbitmq.client.Connection;
import io.marketdata.contracts.amqp.AmqpSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

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
}
