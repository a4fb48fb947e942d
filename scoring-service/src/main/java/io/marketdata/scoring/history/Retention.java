package io.marketdata.scoring.history;

import static io.marketdata.scoring.db.Jsonb.millisParam;

import io.marketdata.messaging.SchemaMigration;
import io.marketdata.scoring.config.ScoringConfig;
import io.marketdata.scoring.db.Await;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the score history for {@code scoring.history.retention} (30 days): every
 * {@code retention-interval} (1 h) it deletes older score rows in batches of {@code delete-batch}
 * through the {@code scored_at} index, the {@code latest_scores} entries of tokens whose last round
 * is older, and the {@code token_inputs} of tokens not heard of (no snapshot, no status change)
 * for as long. Replicas may run it at the same time: deletes are idempotent. Each statement is its own
 * reactive transaction (as the auto-committed JDBC statements were). The schedule starts once the schema
 * is migrated ({@link SchemaMigration#await()}, on the scheduler's thread), so a start while PostgreSQL is
 * down does not fail; a failed run is counted and tried again the next period.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    /** Rows deleted by one run. */
    public record Deleted(long scores, long latest, long tokens) {
    }

    @Inject
    ScoringConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    SchemaMigration schema;

    private ScheduledExecutorService scheduler;

    void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "score-retention");
            t.setDaemon(true);
            return t;
        });
        long interval = config.history().retentionInterval().toMillis();
        scheduler.execute(() -> {
            try {
                schema.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            scheduler.scheduleWithFixedDelay(this::runQuietly, 60_000, interval, TimeUnit.MILLISECONDS);
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void runQuietly() {
        try {
            run(System.currentTimeMillis());
        } catch (Exception e) {
            registry.counter("scoring_retention_failures_total").increment();
            LOG.warnf("retention run failed, retrying next period: %s", e.getMessage());
        }
    }

    /** Deletes everything older than {@code nowMs − retention}, waiting for it on the calling thread (not an event loop). */
    public Deleted run(long nowMs) throws Exception {
        Deleted deleted = Await.result(() -> delete(nowMs));
        registry.counter("scoring_retention_deleted_total", "table", "scores").increment(deleted.scores());
        if (deleted.scores() + deleted.latest() + deleted.tokens() > 0) {
            LOG.infof("retention (%s): deleted %d score rows, %d latest entries, %d tokens", config.history().retention(),
                    deleted.scores(), deleted.latest(), deleted.tokens());
        }
        return deleted;
    }

    /** The deletes of one run. */
    public Uni<Deleted> delete(long nowMs) {
        long cutoff = nowMs - config.history().retention().toMillis();
        return deleteScores(cutoff, 0)
                .chain(scores -> execute("DELETE FROM scoring.latest_scores WHERE scored_at < " + millisParam("cutoff"), cutoff)
                        .chain(latest -> execute("DELETE FROM scoring.token_inputs WHERE updated_at < " + millisParam("cutoff"),
                                cutoff)
                                .map(tokens -> new Deleted(scores, latest, tokens))));
    }

    /** Score rows in batches of {@code delete-batch} (the Uni loops until a batch is not full). */
    private Uni<Long> deleteScores(long cutoff, long sofar) {
        int batch = config.history().deleteBatch();
        return execute("DELETE FROM scoring.scores WHERE id IN (SELECT id FROM scoring.scores WHERE scored_at < "
                + millisParam("cutoff") + " LIMIT " + batch + ")", cutoff)
                .chain(n -> n == batch ? deleteScores(cutoff, sofar + n) : Uni.createFrom().item(sofar + n));
    }

    private static Uni<Long> execute(String sql, long cutoff) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(sql)
                .setParameter("cutoff", cutoff).executeUpdate())).map(Integer::longValue);
    }
}
