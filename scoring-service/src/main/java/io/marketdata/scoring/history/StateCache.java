package io.marketdata.scoring.history;

import io.marketdata.scoring.config.ScoringConfig;
import io.marketdata.scoring.model.ScoringState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scoring state of recently scored (mint, model) pairs, so a round needs no history query.
 * Each entry remembers the id of the score row it reflects; a round uses it only if that row is
 * still the latest one in {@code latest_scores} (another replica, a recalculation or a rolled-back
 * round may have moved on) and rebuilds it from the database otherwise. Entries are replaced only
 * after a commit, so a rollback never advances the EWMA. Least recently used entries are dropped
 * beyond {@code scoring.state-cache.max-entries}.
 */
@ApplicationScoped
public class StateCache {

    /** The state after score row {@code scoreId}. */
    public record Entry(long scoreId, ScoringState state) {
    }

    private record Key(String mint, String model) {
    }

    @Inject
    ScoringConfig config;

    private Map<Key, Entry> entries;

    private synchronized Map<Key, Entry> entries() {
        if (entries == null) {
            int max = config.stateCache().maxEntries();
            entries = new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                    return size() > max;
                }
            };
        }
        return entries;
    }

    public synchronized Entry get(String mint, String model) {
        return entries().get(new Key(mint, model));
    }

    public synchronized void put(String mint, String model, Entry entry) {
        entries().put(new Key(mint, model), entry);
    }

    public synchronized void forget(String mint) {
        entries().keySet().removeIf(key -> key.mint().equals(mint));
    }

    public synchronized int size() {
        return entries().size();
    }
}
