package io.marketdata.lifecycle.health;

import io.marketdata.contracts.amqp.QueueConsumer;
import io.marketdata.lifecycle.consume.TokenEventsConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the consumer is attached to its queue. PostgreSQL has its own readiness check
 * (the datasource's, from quarkus-agroal): either one down makes the service unready.
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
        QueueConsumer c = consumer.consumer();
        return HealthCheckResponse.named("token-events-consumer")
                .status(consumer.consuming())
                .withData("queue", c == null ? "" : c.queue())
                .withData("consumer", consumer.consuming() ? "consuming" : "down")
                .withData("handled", c == null ? 0 : c.handled())
                .withData("dead_lettered", c == null ? 0 : c.deadLettered())
                .withData("retried", c == null ? 0 : c.retried())
                .build();
    }
}
