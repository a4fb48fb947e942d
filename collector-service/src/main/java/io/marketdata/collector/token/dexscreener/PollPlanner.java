package io.marketdata.collector.token.dexscreener;

import io.marketdata.contracts.settings.PipelineSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which mints to ask DexScreener about now, in which requests (pure; the poller sends the batches in
 * order while its rate window has room, and whatever is left is still due on the next tick).
 *
 * <p>Order: one-off refreshes first, then tokens never fetched (oldest tracked first), then due
 * tokens, most overdue first; a hot token is due {@code hot_interval_seconds} after its last fetch,
 * a cold one {@code cold_interval_seconds}. Requests carry up to {@code maxBatch} mints. When the
 * last request has free slots, tokens that fall due within {@code fillAhead} of their interval ride
 * along (soonest first): that costs no request, and in a steady state the tokens settle into full
 * batches instead of one small request per tick. Nothing is sent when nothing is due.
 */
public final class PollPlanner {

    private final int maxBatch;
    private final double fillAhead;

    public PollPlanner(int maxBatch, double fillAhead) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1");
        }
        this.maxBatch = maxBatch;
        this.fillAhead = Math.max(0, fillAhead);
    }

    public int maxBatch() {
        return maxBatch;
    }

    /**
     * @param tracked   the polled tokens
     * @param refreshes one-off refreshes waiting (tracked or not), in arrival order
     * @param now       epoch ms
     */
    public List<List<String>> plan(Collection<TrackedToken> tracked, Collection<String> refreshes, long now,
            PipelineSettings settings) {
        Set<String> due = new LinkedHashSet<>(refreshes);
        List<TrackedToken> never = new ArrayList<>();
        List<TrackedToken> overdue = new ArrayList<>();
        List<TrackedToken> upcoming = new ArrayList<>();
        for (TrackedToken t : tracked) {
            if (t.lastFetchedAt() == 0) {
                never.add(t);
                continue;
            }
            long dueAt = t.dueAt(settings);
            if (dueAt <= now) {
                overdue.add(t);
            } else if (dueAt - now <= (long) (fillAhead * t.intervalMillis(settings))) {
                upcoming.add(t);
            }
        }
        never.sort(Comparator.comparingLong(TrackedToken::trackedAt).thenComparing(TrackedToken::mint));
        overdue.sort(Comparator.comparingLong((TrackedToken t) -> t.dueAt(settings)).thenComparing(TrackedToken::mint));
        upcoming.sort(Comparator.comparingLong((TrackedToken t) -> t.dueAt(settings)).thenComparing(TrackedToken::mint));
        never.forEach(t -> due.add(t.mint()));
        overdue.forEach(t -> due.add(t.mint()));

        List<List<String>> batches = new ArrayList<>();
        if (due.isEmpty()) {
            return batches;
        }
        List<String> current = new ArrayList<>(maxBatch);
        for (String mint : due) {
            if (current.size() == maxBatch) {
                batches.add(current);
                current = new ArrayList<>(maxBatch);
            }
            current.add(mint);
        }
        for (TrackedToken t : upcoming) {
            if (current.size() == maxBatch) {
                break;
            }
            if (!due.contains(t.mint())) {
                current.add(t.mint());
            }
        }
        batches.add(current);
        return batches;
    }
}
