package io.marketdata.collector.exchange.binance.live;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Binance's local-book procedure for one symbol, as pure logic: events are buffered until a REST
 * snapshot arrives; events the snapshot already contains are dropped; the first applied event must
 * straddle the snapshot's {@code lastUpdateId}; afterwards every event must continue the previous
 * one, else the book is discarded and a new snapshot is needed. The {@link SyncRule} holds the
 * market's definitions of those checks. Not thread-safe: the caller serialises access.
 */
public final class BookSync {

    /** What an event or a snapshot led to; the caller fetches snapshots and counts resyncs. */
    public enum Outcome {
        /** Buffered while no snapshot is loaded. */
        BUFFERED,
        /** The first event buffered since the last (re)start: fetch a snapshot now. */
        SNAPSHOT_NEEDED,
        /** Already contained in the snapshot. */
        DROPPED,
        /** Applied to a synced book. */
        APPLIED,
        /** The book is synced now (snapshot plus the events following it). */
        SYNCED,
        /** The snapshot is loaded; every buffered event was older, so the next event must straddle it. */
        AWAITING_EVENT,
        /** The update chain broke: the book was discarded; fetch a new snapshot. */
        GAP,
        /** The snapshot does not line up with the buffered events (too old): fetch another one. */
        SNAPSHOT_MISMATCH
    }

    private final SyncRule rule;
    private final int maxBuffered;
    private final Deque<DepthEvent> buffer = new ArrayDeque<>();
    private final LocalBook book = new LocalBook();
    private boolean snapshotLoaded;
    private long snapshotUpdateId;
    private boolean synced;
    private long lastFinalUpdateId;
    private long lastEventTime;

    /**
     * @param maxBuffered events kept while waiting for a snapshot; beyond it the oldest go (a snapshot
     *                    taken later contains them anyway)
     */
    public BookSync(SyncRule rule, int maxBuffered) {
        this.rule = rule;
        this.maxBuffered = Math.max(1, maxBuffered);
    }

    public Outcome onEvent(DepthEvent event) {
        if (synced) {
            if (!rule.continues(lastFinalUpdateId, event)) {
                restartWith(event);
                return Outcome.GAP;
            }
            apply(event);
            return Outcome.APPLIED;
        }
        if (snapshotLoaded) {
            return applyFirst(event);
        }
        boolean first = buffer.isEmpty();
        buffer(event);
        return first ? Outcome.SNAPSHOT_NEEDED : Outcome.BUFFERED;
    }

    /** Loads a REST snapshot and replays the buffered events on top of it. */
    public Outcome onSnapshot(long lastUpdateId, double[][] bids, double[][] asks) {
        if (synced) {
            return Outcome.DROPPED; // a late answer to an earlier request; the book is already live
        }
        if (!buffer.isEmpty() && rule.snapshotOlderThanStream(lastUpdateId, buffer.peekFirst())) {
            return Outcome.SNAPSHOT_MISMATCH;
        }
        book.load(bids, asks);
        snapshotLoaded = true;
        snapshotUpdateId = lastUpdateId;
        while (!buffer.isEmpty() && rule.stale(buffer.peekFirst(), lastUpdateId)) {
            buffer.pollFirst();
        }
        if (buffer.isEmpty()) {
            return Outcome.AWAITING_EVENT;
        }
        if (!rule.straddles(buffer.peekFirst(), lastUpdateId)) {
            discardBook(); // the buffered events stay: the next snapshot may line up with them
            return Outcome.SNAPSHOT_MISMATCH;
        }
        synced = true;
        apply(buffer.pollFirst());
        while (!buffer.isEmpty()) {
            DepthEvent next = buffer.pollFirst();
            if (!rule.continues(lastFinalUpdateId, next)) {
                discardBook();
                buffer.addFirst(next); // the break starts the new buffer, the events after it stay
                return Outcome.GAP;
            }
            apply(next);
        }
        return Outcome.SYNCED;
    }

    /** Discards the book, the snapshot and the buffer (the stream was lost or the book is unusable). */
    public void reset() {
        buffer.clear();
        discardBook();
    }

    public boolean synced() {
        return synced;
    }

    public boolean hasBufferedEvents() {
        return !buffer.isEmpty();
    }

    public int bufferedEvents() {
        return buffer.size();
    }

    /** {@code E} of the last applied event (epoch ms), 0 before any. */
    public long lastEventTime() {
        return lastEventTime;
    }

    /** {@code u} of the last applied event. */
    public long lastUpdateId() {
        return lastFinalUpdateId;
    }

    /** The best {@code depth} bids, price descending. */
    public double[][] bids(int depth) {
        return book.bids(depth);
    }

    /** The best {@code depth} asks, price ascending. */
    public double[][] asks(int depth) {
        return book.asks(depth);
    }

    /** An event arriving after the snapshot, when none of the buffered ones was newer than it. */
    private Outcome applyFirst(DepthEvent event) {
        if (rule.stale(event, snapshotUpdateId)) {
            return Outcome.DROPPED;
        }
        if (!rule.straddles(event, snapshotUpdateId)) {
            // updates between the snapshot and this event are unknown: this event starts a new buffer
            restartWith(event);
            return Outcome.SNAPSHOT_MISMATCH;
        }
        synced = true;
        apply(event);
        return Outcome.SYNCED;
    }

    private void apply(DepthEvent event) {
        book.apply(event);
        lastFinalUpdateId = event.finalUpdateId();
        lastEventTime = event.eventTime();
    }

    private void restartWith(DepthEvent event) {
        reset();
        buffer(event);
    }

    private void buffer(DepthEvent event) {
        if (buffer.size() >= maxBuffered) {
            buffer.pollFirst();
        }
        buffer.addLast(event);
    }

    private void discardBook() {
        book.clear();
        snapshotLoaded = false;
        synced = false;
    }
}
