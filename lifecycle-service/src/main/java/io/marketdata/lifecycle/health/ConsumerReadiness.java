package io.marketdata.lifecycle.health;

import io.marketdata.lifecycle.consume.TokenEventsConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the connector reports the {@code token-events} channel's consumer attached to its
 * queue (its {@code HealthCenter} readiness). PostgreSQL has its own readiness check (the
 * datasource's, from quarkus-agroal): either one down makes the service unready.
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    @Inject
    TokenEventsConsumer consumer;

    @Override
    public HealthCheckResponse call() {
        if (!consumer.enabled()) {
            return HealthCheckResponse.named("token-events-consumer").up().withData("consumer", "disabled").build();
        }
        boolean consuming = consumer.consuming();
        return HealthCheckResponse.named("token-events-consumer")
                .status(consuming)
                .withData("channel", TokenEventsConsumer.CHANNEL)
                .withData("queue", consumer.queue())
                .withData("consumer", consuming ? "consuming" : "down")
                .withData("connector", consumer.channelState())
                .withData("handled", consumer.handled())
                .withData("dead_lettered", consumer.deadLettered())
                .withData("retried", consumer.retried())
                .build();
    }
}
