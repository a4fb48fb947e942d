package io.marketdata.lifecycle.config;

import io.marketdata.contracts.amqp.AmqpSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The broker settings ({@code rabbitmq-*}, the same keys as the SmallRye connector). */
public class Amqp {

    @Produces
    @Singleton
    AmqpSettings settings() {
        return AmqpSettings.fromConfig();
    }
}
