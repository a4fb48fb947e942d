package io.marketdata.gateway.push;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The push feed at {@code /q/health/well}: up while both push channels are connected (the
 * connector's readiness of them, which also counts in {@code /q/health/ready}), with what was
 * received; a quiet bus is not a fault, so the age of the last message is reported, not judged.
 */
@Wellness
@ApplicationScoped
public class PushFeedHealthCheck implements HealthCheck {

    @Inject
    AnalyticsFeed feed;

    @Override
    public HealthCheckResponse call() {
        long last = feed.lastMessageAt();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("push-feed")
                .withData("broker", feed.broker())
                .withData("messages_received", feed.receivedTotal())
                .withData("last_message_age_ms", last == 0 ? -1 : System.currentTimeMillis() - last);
        String problem = feed.problem();
        b.withData("consumer_attached", problem == null);
        return problem == null ? b.up().build() : b.down().withData("problem", problem).build();
    }
}
