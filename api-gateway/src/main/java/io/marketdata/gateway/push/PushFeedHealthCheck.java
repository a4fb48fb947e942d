package io.marketdata.gateway.push;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The push feed at {@code /q/health/well} (wellness, not readiness: REST works without it). Up while
 * its queue is consumed; a quiet bus is not a fault, so the age of the last message is reported,
 * not judged.
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
                .withData("consumer_attached", feed.attached())
                .withData("messages_received", feed.receivedTotal())
                .withData("last_message_age_ms", last == 0 ? -1 : System.currentTimeMillis() - last);
        if (feed.attached()) {
            return b.up().build();
        }
        String problem = feed.lastProblem();
        return b.down().withData("problem", problem == null ? "not consuming" : problem).build();
    }
}
