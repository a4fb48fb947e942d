package io.marketdata.collector.health;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.stats.CollectorStatistics;
import io.marketdata.collector.stats.LoopStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.Wellness;

/**
 * One line per exchange feed at {@code /q/health/well}: {@code healthy} when it published within
 * three intervals, {@code degraded} when it published before but not lately, {@code unhealthy} when
 * it never did. A stale feed does not make the service unready: the other exchanges still flow.
 */
@Wellness
@ApplicationScoped
public class ExchangeFeedsHealthCheck implements HealthCheck {

    @Inject
    CollectorStatistics statistics;
    @Inject
    CollectorConfig config;

    @Override
    public HealthCheckResponse call() {
        long now = System.currentTimeMillis();
        long stale = 3L * config.intervalSeconds() * 1000;
        boolean allHealthy = true;
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("exchange-feeds");
        for (LoopStatistics loop : statistics.loops().values()) {
            String verdict;
            if (loop.lastSuccessAt() == 0) {
                verdict = "unhealthy";
            } else if (now - loop.lastSuccessAt() > stale) {
                verdict = "degraded";
            } else {
                verdict = "healthy";
            }
            allHealthy &= verdict.equals("healthy");
            builder.withData(loop.name(), verdict + (loop.lastSuccessAt() == 0 ? "" : ", last data "
                    + (now - loop.lastSuccessAt()) + " ms ago") + (verdict.equals("healthy") || loop.lastError() == null
                            ? "" : ", last error: " + loop.lastError()));
        }
        return builder.status(allHealthy).build();
    }
}
