package io.marketdata.collector.health;

import io.marketdata.collector.publish.MarketDataPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the market-data publisher holds a confirmed channel. The control queue, the token
 * events queue and the outgoing channels are reported by the SmallRye connector's own readiness
 * check (a channel whose consumer is not attached makes readiness DOWN).
 */
@Readiness
@ApplicationScoped
public class RabbitMqHealthCheck implements HealthCheck {

    @Inject
    MarketDataPublisher publisher;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("rabbitmq")
                .status(publisher.connected())
                .withData("publisher_connected", publisher.connected())
                .withData("buffered", publisher.bufferedCount())
                .withData("published", publisher.publishedCount())
                .withData("dropped", publisher.droppedCount());
        if (publisher.lastError() != null) {
            builder.withData("last_error", publisher.lastError());
        }
        return builder.build();
    }
}
