package io.marketdata.orderbook.consume;

import io.marketdata.contracts.amqp.AmqpSettings;
import jakarta.enterprise.context.ApplicationScoped;

/** The broker settings ({@code rabbitmq-*}, the same keys as the SmallRye connector). */
@ApplicationScoped
public class RabbitSettings {

    private final AmqpSettings settings = AmqpSettings.fromConfig();

    public AmqpSettings settings() {
        return settings;
    }
}
