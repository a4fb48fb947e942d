package io.marketdata.collector.health;

import io.marketdata.collector.control.ControlListener;
import io.marketdata.collector.publish.MarketDataPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the publisher holds a confirmed channel and the control queue is consumed. */
@Readiness
@ApplicationScoped
public class RabbitMqHealthCheck implements HealthCheck {

    @Inject
    MarketDataPublisher publisher;
    @Inject
    ControlListener control;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("rabbitmq")
                .status(publisher.connected() && control.consuming())
                .withData("publisher_connected", publisher.connected())
                .withData("control_consuming", control.consuming())
                .withData("buffered", publisher.bufferedCount())
                .withData("published", publisher.publishedCount())
                .withData("dropped", publisher.droppedCount());
        if (publisher.lastError() != null) {
            builder.withData("last_error", publisher.lastError());
        }
        return builder.build();
    }
}
