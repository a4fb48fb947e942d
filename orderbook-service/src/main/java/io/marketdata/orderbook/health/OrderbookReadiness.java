package io.marketdata.orderbook.health;

import io.marketdata.orderbook.cache.HotCache;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.consume.BookConsumer;
import io.marketdata.orderbook.consume.CheckpointWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the consumer is attached to its queue and checkpoints are being written. Redis is
 * reported but does not make the service unready: PostgreSQL answers in its place.
 */
@Readiness
@ApplicationScoped
public class OrderbookReadiness implements HealthCheck {

    @Inject
    BookConsumer consumer;
    @Inject
    CheckpointWriter writer;
    @Inject
    HotCache cache;
    @Inject
    OrderbookConfig config;

    @Override
    public HealthCheckResponse call() {
        boolean consuming = !config.consumer().enabled() || consumer.consuming();
        boolean writing = !writer.failing();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("orderbook")
                .status(consuming && writing)
                .withData("consumer", config.consumer().enabled() ? (consumer.consuming() ? "consuming" : "down") : "disabled")
                .withData("postgresql", !writing ? "failing, retrying" : writer.wroteOnce() ? "ok" : "no write yet")
                .withData("checkpoint_backlog", writer.backlog())
                .withData("last_checkpoint_age_ms", System.currentTimeMillis() - writer.lastSuccessMs())
                .withData("redis", cache.ping() ? "ok" : "unavailable");
        return b.build();
    }
}
