package io.marketdata.orderbook.history;

import io.marketdata.orderbook.bands.Bands;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns the stream of books into one point per series and minute (SPEC §6.3). A series' minute
 * closes when a book of a later minute arrives, or {@code closeGrace} after the minute ended on the
 * wall clock; books of a minute already closed are late and ignored, and a book not newer than the
 * last one counted in its open minute is a duplicate (a redelivery) and ignored too. Not thread-safe: the pipeline
 * calls it under its lock.
 */
public final class MinuteAggregator {

    /** What became of one book. */
    public enum Outcome { APPLIED, LATE, DUPLICATE }

    private final Map<String, OpenMinute> open = new HashMap<>();
    /** Series whose minute the clock closed: books before this time are late. */
    private final Map<String, Long> closedUntil = new HashMap<>();
    private final List<MinutePoint> closed = new ArrayList<>();
    private final List<SeriesKey> expired = new ArrayList<>();
    private final long closeGraceMs;

    public MinuteAggregator(long closeGraceMs) {
        this.closeGraceMs = closeGraceMs;
    }

    public Outcome accept(SeriesKey series, String seriesId, long timestampMs, Bands bands) {
        long minute = MinutePoint.minuteOf(timestampMs);
        OpenMinute m = open.get(seriesId);
        if (m == null) {
            Long until = closedUntil.get(seriesId);
            if (until != null && minute < until) {
                return Outcome.LATE;
            }
            m = new OpenMinute(series, minute);
            open.put(seriesId, m);
        } else if (minute > m.minuteMs) {
            closed.add(m.toPoint());
            m = new OpenMinute(series, minute);
            open.put(seriesId, m);
        } else if (minute < m.minuteMs) {
            return Outcome.LATE;
        } else if (timestampMs <= m.lastTimestampMs) {
            // a redelivery (or a replayed copy) of a book already counted: one book, one sample
            return Outcome.DUPLICATE;
        }
        m.add(timestampMs, bands);
        return Outcome.APPLIED;
    }

    /** Closes every open minute that ended more than the grace period before {@code nowMs}. */
    public void closeExpired(long nowMs) {
        for (Iterator<Map.Entry<String, OpenMinute>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, OpenMinute> e = it.next();
            OpenMinute m = e.getValue();
            long end = m.minuteMs + 60_000L;
            if (end + closeGraceMs <= nowMs) {
                closed.add(m.toPoint());
                expired.add(m.series);
                closedUntil.put(e.getKey(), end);
                it.remove();
            }
        }
    }

    /** Minutes closed since the last call. */
    public List<MinutePoint> drainClosed() {
        List<MinutePoint> out = new ArrayList<>(closed);
        closed.clear();
        return out;
    }

    /** Copies of the open minutes changed since the last call (to checkpoint). */
    public List<OpenMinute> drainDirty() {
        List<OpenMinute> out = new ArrayList<>();
        for (OpenMinute m : open.values()) {
            if (m.dirty) {
                out.add(m.copy());
                m.dirty = false;
            }
        }
        return out;
    }

    /** Series whose open minute the clock closed since the last call (their checkpoint row goes). */
    public List<SeriesKey> drainExpired() {
        List<SeriesKey> out = new ArrayList<>(expired);
        expired.clear();
        return out;
    }

    /** Continues minutes checkpointed before a restart. */
    public void restore(Collection<OpenMinute> minutes) {
        for (OpenMinute m : minutes) {
            open.put(m.series.id(), m);
        }
    }

    public int openCount() {
        return open.size();
    }
}
