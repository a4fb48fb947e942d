package io.marketdata.collector.health;

import io.marketdata.collector.token.PumpPortalListener;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The PumpPortal feed at {@code /q/health/well}: {@code healthy} while connected, {@code unhealthy}
 * while reconnecting (with the last problem). Migrations are rare, so a quiet connection is normal.
 */
@Wellness
@ApplicationScoped
public class PumpPortalHealthCheck implements HealthCheck {

    @Inject
    PumpPortalListener pumpportal;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("pumpportal");
        if (!pumpportal.enabled()) {
            return b.up().withData("pumpportal", "disabled").build();
        }
        long last = pumpportal.lastFrameAt();
        String lastFrame = last == 0 ? "no frame yet" : "last frame " + (System.currentTimeMillis() - last) + " ms ago";
        if (pumpportal.connected()) {
            return b.up().withData("pumpportal", "healthy, connected, " + lastFrame).build();
        }
        return b.down().withData("pumpportal", "unhealthy, reconnecting: " + pumpportal.lastProblem() + ", " + lastFrame)
                .build();
    }
}
