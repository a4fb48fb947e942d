package io.marketdata.collector.token.dexscreener;

import io.marketdata.contracts.settings.PipelineSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The tokens the poller follows, in memory for the scheduler and in {@code collector.tracked_tokens}
 * for restarts. Changes are written to PostgreSQL first (the consumer acknowledges a message only
 * after that), then applied in memory; a message older than the stored state changes nothing.
 */
@ApplicationScoped
public class TrackedTokens {

    private static final Logger LOG = Logger.getLogger(TrackedTokens.class);

    /** What a message did. */
    public enum Outcome { TRACKED, UNTRACKED, SCORED, STALE }

    @Inject
    TrackedTokenStore store;

    private final Map<String, TrackedToken> polled = new ConcurrentHashMap<>();

    /** Reads the polled set persisted by earlier runs. */
    void load() throws SQLException {
        List<TrackedToken> rows = store.loadPolled();
        rows.forEach(t -> polled.put(t.mint(), t));
        LOG.infof("DexScreener: resuming %d tracked tokens", rows.size());
    }

    /** A snapshot of the polled tokens. */
    public Collection<TrackedToken> polled() {
        return new ArrayList<>(polled.values());
    }

    public Optional<TrackedToken> get(String mint) {
        return Optional.ofNullable(polled.get(mint));
    }

    public int size() {
        return polled.size();
    }

    public long hot(PipelineSettings settings) {
        return polled.values().stream().filter(t -> t.hot(settings)).count();
    }

    public long cold(PipelineSettings settings) {
        return polled.values().stream().filter(t -> !t.hot(settings)).count();
    }

    public Outcome applyStatus(String mint, String newStatus, long changedAt) throws SQLException {
        Optional<TrackedToken> row = store.applyStatus(mint, newStatus, changedAt);
        if (row.isEmpty()) {
            return Outcome.STALE;
        }
        TrackedToken stored = row.get();
        if (!TrackedToken.polled(stored.status())) {
            polled.remove(mint);
            return Outcome.UNTRACKED;
        }
        // the row's last_fetched_at can lag the poller's own (memory is stamped first)
        polled.compute(mint, (k, old) -> old == null ? stored
                : stored.withLastFetchedAt(Math.max(old.lastFetchedAt(), stored.lastFetchedAt())));
        return Outcome.TRACKED;
    }

    public Outcome applyScore(String mint, double smoothedScore, long scoredAt) throws SQLException {
        Optional<TrackedToken> row = store.applyScore(mint, smoothedScore, scoredAt);
        if (row.isEmpty()) {
            return Outcome.STALE;
        }
        Double score = row.get().smoothedScore();
        polled.computeIfPresent(mint, (k, old) -> old.withScore(score));
        return Outcome.SCORED;
    }

    /** Stamps a fetch in memory at once, then in PostgreSQL (a failure there only costs an early refetch after a restart). */
    void markFetched(Collection<String> mints, long fetchedAt) {
        for (String mint : mints) {
            polled.computeIfPresent(mint, (k, old) -> old.withLastFetchedAt(fetchedAt));
        }
        try {
            store.markFetched(mints, fetchedAt);
        } catch (SQLException e) {
            LOG.warnf("DexScreener: could not stamp the fetch of %d tokens (%s)", mints.size(), e.getMessage());
        }
    }

    /** Migration times for mints without one in memory (looked up in collector.migrated_tokens). */
    Map<String, Long> lookUpMigratedAt(Collection<String> mints) {
        try {
            Map<String, Long> found = store.migratedAt(mints);
            found.forEach((mint, at) -> polled.computeIfPresent(mint, (k, old) -> old.withMigratedAt(at)));
            return found;
        } catch (SQLException e) {
            LOG.warnf("DexScreener: migration times not available (%s)", e.getMessage());
            return Map.of();
        }
    }
}
