package io.marketdata.collector.stats;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.publish.MarketDataPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Logs the seed's statistics block every {@code statistics-interval} and a final one at shutdown. */
@ApplicationScoped
public class StatisticsReporter {

    private static final Logger LOG = Logger.getLogger("io.marketdata.collector.statistics");

    @Inject
    CollectorStatistics statistics;
    @Inject
    MarketDataPublisher publisher;
    @Inject
    CollectorConfig config;

    private ScheduledExecutorService timer;
    private long windowPublished;
    private long windowFailed;

    void onStart(@Observes @Priority(50) StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "statistics"));
        long period = config.statisticsInterval().toMillis();
        timer.scheduleAtFixedRate(() -> LOG.info(windowReport()), period, period, TimeUnit.MILLISECONDS);
    }

    /** Runs after the loops stopped and the publisher drained (their observers have lower priority values). */
    void onStop(@Observes @Priority(100) ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        LOG.info(finalReport());
    }

    synchronized String windowReport() {
        StringBuilder out = new StringBuilder("=== Statistics (last ")
                .append(config.statisticsInterval().toSeconds()).append("s) ===\n");
        statistics.loops().values().forEach(loop -> {
            long[] window = loop.takeWindow();
            out.append(loop.name()).append(": ").append(window[0]).append(" success, ").append(window[1]).append(" errors\n");
        });
        long published = publisher.publishedCount();
        long failed = publisher.failedCount();
        out.append("RabbitMQ: ").append(published - windowPublished).append(" published, ")
                .append(failed - windowFailed).append(" failed, ").append(publisher.bufferedCount()).append(" buffered, ")
                .append(publisher.droppedCount()).append(" dropped in total\n=============================");
        windowPublished = published;
        windowFailed = failed;
        return out.toString();
    }

    String finalReport() {
        StringBuilder out = new StringBuilder("=== Final statistics ===\n");
        statistics.loops().values().forEach(loop -> out.append(loop.name()).append(": ").append(loop.successCount())
                .append(" success, ").append(loop.errorCount()).append(" errors, ").append(loop.cycleCount())
                .append(" cycles\n"));
        out.append("RabbitMQ: ").append(publisher.publishedCount()).append(" published, ").append(publisher.failedCount())
                .append(" failed, ").append(publisher.droppedCount()).append(" dropped, ").append(publisher.bufferedCount())
                .append(" unpublished\n========================");
        return out.toString();
    }
}
