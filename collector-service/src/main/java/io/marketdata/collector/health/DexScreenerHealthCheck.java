package io.marketdata.collector.health;

import io.marketdata.collector.token.dexscreener.DexScreenerPoller;
import io.marketdata.collector.token.dexscreener.TrackedTokens;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The DexScreener poller at {@code /q/health/well}: {@code degraded} (down) when the last
 * {@code unhealthy-after-failures} requests all failed or the token queue is not consumed,
 * otherwise {@code healthy}, noting a Retry-After pause and the backlog. No tracked token means no
 * request, which is healthy.
 */
@Wellness
@ApplicationScoped
public class DexScreenerHealthCheck implements HealthCheck {

    @Inject
    DexScreenerPoller poller;
    @Inject
    TrackedTokens tracked;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("dexscreener");
        if (!poller.enabled()) {
            return b.up().withData("dexscreener", "disabled").build();
        }
        long now = System.currentTimeMillis();
        long last = poller.lastSuccessAt();
        StringBuilder note = new StringBuilder();
        note.append(tracked.size()).append(" tracked, ")
                .append(last == 0 ? "no successful request yet" : "last success " + (now - last) + " ms ago")
                .append(", ").append(poller.requestsInWindow()).append(" requests in the last 60 s");
        if (poller.pausedUntil() > now) {
            note.append(", paused by Retry-After for another ").append(poller.pausedUntil() - now).append(" ms");
        }
        if (poller.backlog() > 0) {
            note.append(", ").append(poller.backlog()).append(" mints waiting");
        }
        b.withData("tracked", tracked.size()).withData("consuming", poller.consuming())
                .withData("consecutive_failures", poller.consecutiveFailures());
        if (poller.failing()) {
            return b.down().withData("dexscreener", "degraded, the last " + poller.consecutiveFailures()
                    + " requests failed (last error: " + poller.lastError() + "), " + note).build();
        }
        if (!poller.consuming()) {
            return b.down().withData("dexscreener", "degraded, the token events queue is not consumed, " + note).build();
        }
        return b.up().withData("dexscreener", "healthy, " + note).build();
    }
}
