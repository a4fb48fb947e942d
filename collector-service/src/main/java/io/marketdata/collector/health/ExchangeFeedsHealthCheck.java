package io.marketdata.collector.health;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.exchange.binance.live.LiveBookFeed;
import io.marketdata.collector.exchange.binance.live.LiveBookFeeds;
import io.marketdata.collector.exchange.binance.live.LiveBookStatus;
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
 * it never did. A feed with live (streamed) books also reports how many are synced, syncing or
 * fallen back to REST polling; any fallback makes it {@code degraded}, with the symbols and reasons.
 * A stale feed does not make the service unready: the other exchanges still flow.
 */
@Wellness
@ApplicationScoped
public class ExchangeFeedsHealthCheck implements HealthCheck {

    @Inject
    CollectorStatistics statistics;
    @Inject
    CollectorConfig config;
    @Inject
    LiveBookFeeds liveBooks;

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
            LiveBookStatus live = liveBooks.feed(loop.name()).map(LiveBookFeed::status).orElse(null);
            String liveNote = "";
            if (live != null) {
                if (live.fallback() > 0 && verdict.equals("healthy")) {
                    verdict = "degraded";
                }
                liveNote = ", live books: " + live.synced() + " synced, " + live.syncing() + " syncing, "
                        + live.fallback() + " on REST fallback" + (live.fallback() == 0 ? "" : " " + live.fallbackReasons());
                builder.withData(loop.name() + ".live_books.synced", live.synced());
                builder.withData(loop.name() + ".live_books.syncing", live.syncing());
                builder.withData(loop.name() + ".live_books.fallback", live.fallback());
            }
            allHealthy &= verdict.equals("healthy");
            builder.withData(loop.name(), verdict + (loop.lastSuccessAt() == 0 ? "" : ", last data "
                    + (now - loop.lastSuccessAt()) + " ms ago") + liveNote + (verdict.equals("healthy")
                            || loop.lastError() == null ? "" : ", last error: " + loop.lastError()));
        }
        return builder.status(allHealthy).build();
    }
}
