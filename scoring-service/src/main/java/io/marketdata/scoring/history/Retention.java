package io.marketdata.scoring.history;

import io.agroal.api.AgroalDataSource;
import io.marketdata.scoring.config.ScoringConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the score history for {@code scoring.history.retention} (30 days): every
 * {@code retention-interval} (1 h) it deletes older score rows in batches of {@code delete-batch}
 * through the {@code scored_at} index, the {@code latest_scores} entries of tokens whose last round
 * is older, and the {@code token_inputs} of tokens not heard of (no snapshot, no status change)
 * for as long. Replicas may run it at the same time: deletes are idempotent.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    /** Rows deleted by one run. */
    public record Deleted(long scores, long latest, long tokens) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ScoringConfig config;
    @Inject
    MeterRegistry registry;

    private ScheduledExecutorService scheduler;

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "score-retention");
            t.setDaemon(true);
            return t;
        });
        long interval = config.history().retentionInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runQuietly, 60_000, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void runQuietly() {
        try {
            run(System.currentTimeMillis());
        } catch (SQLException | RuntimeException e) {
            registry.counter("scoring_retention_failures_total").increment();
            LOG.warnf("retention run failed, retrying next period: %s", e.getMessage());
        }
    }

    /** Deletes everything older than {@code nowMs − retention}. */
    public Deleted run(long nowMs) throws SQLException {
        Timestamp cutoff = new Timestamp(nowMs - config.history().retention().toMillis());
        long scores = 0;
        long latest;
        long tokens;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM scoring.scores WHERE id IN "
                    + "(SELECT id FROM scoring.scores WHERE scored_at < ? LIMIT ?)")) {
                ps.setTimestamp(1, cutoff);
                ps.setInt(2, config.history().deleteBatch());
                int n;
                do {
                    n = ps.executeUpdate();
                    scores += n;
                } while (n == config.history().deleteBatch());
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM scoring.latest_scores WHERE scored_at < ?")) {
                ps.setTimestamp(1, cutoff);
                latest = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM scoring.token_inputs WHERE updated_at < ?")) {
                ps.setTimestamp(1, cutoff);
                tokens = ps.executeUpdate();
            }
        }
        registry.counter("scoring_retention_deleted_total", "table", "scores").increment(scores);
        if (scores + latest + tokens > 0) {
            LOG.infof("retention (%s): deleted %d score rows, %d latest entries, %d tokens", config.history().retention(),
                    scores, latest, tokens);
        }
        return new Deleted(scores, latest, tokens);
    }
}
