package io.marketdata.collector.exchange.binance.live;

import io.marketdata.collector.exchange.Instrument;
import io.marketdata.collector.exchange.binance.live.BookSync.Outcome;

/**
 * The live book of one symbol: its {@link BookSync} behind a lock (stream events, snapshot answers
 * and the publisher come from different threads), plus what the feed needs around it — the
 * connection carrying it, whether a snapshot request is under way, and the consecutive failed sync
 * attempts that decide between {@link State#SYNCING} and {@link State#FALLBACK}.
 */
final class LiveBook {

    /** Where a symbol's book comes from right now. */
    enum State {
        /** Published from the stream. */
        SYNCED,
        /** Getting in sync; REST polling serves it meanwhile. */
        SYNCING,
        /** Repeatedly failed to sync (or no connection): REST polling serves it until it syncs again. */
        FALLBACK
    }

    /** What the publisher reads: the top levels and the time and id of the last applied event. */
    record View(Instrument instrument, double[][] bids, double[][] asks, long eventTime, long updateId) {
    }

    private final String nativeId;
    private final StreamConnection connection;
    private final BookSync sync;
    private final int maxSyncAttempts;
    private volatile Instrument instrument;
    private volatile boolean synced;
    private int failedAttempts;
    private String lastProblem;
    private boolean snapshotPending;

    LiveBook(Instrument instrument, StreamConnection connection, SyncRule rule, int maxBuffered, int maxSyncAttempts) {
        this.nativeId = instrument.nativeId();
        this.instrument = instrument;
        this.connection = connection;
        this.sync = new BookSync(rule, maxBuffered);
        this.maxSyncAttempts = Math.max(1, maxSyncAttempts);
    }

    String nativeId() {
        return nativeId;
    }

    Instrument instrument() {
        return instrument;
    }

    void instrument(Instrument current) {
        instrument = current;
    }

    StreamConnection connection() {
        return connection;
    }

    /** Lock-free for the REST loop's question "is this book live?". */
    boolean synced() {
        return synced;
    }

    synchronized State state() {
        if (synced) {
            return State.SYNCED;
        }
        return failedAttempts >= maxSyncAttempts ? State.FALLBACK : State.SYNCING;
    }

    synchronized int failedAttempts() {
        return failedAttempts;
    }

    synchronized String lastProblem() {
        return lastProblem;
    }

    synchronized Outcome onEvent(DepthEvent event) {
        return track(sync.onEvent(event));
    }

    synchronized Outcome onSnapshot(long lastUpdateId, double[][] bids, double[][] asks) {
        snapshotPending = false;
        return track(sync.onSnapshot(lastUpdateId, bids, asks));
    }

    /** True when the caller should request a snapshot (none is under way). */
    synchronized boolean claimSnapshot() {
        if (snapshotPending) {
            return false;
        }
        snapshotPending = true;
        return true;
    }

    /**
     * Whether a claimed snapshot is still worth fetching: not when the book got reset meanwhile (the
     * stream was lost; its next event asks again) or is already synced. Releases the claim when not.
     */
    synchronized boolean snapshotStillWanted() {
        if (!synced && sync.hasBufferedEvents()) {
            return true;
        }
        snapshotPending = false;
        return false;
    }

    /** A snapshot request failed: one failed sync attempt. */
    synchronized void snapshotFailed(String problem) {
        snapshotPending = false;
        fail(problem);
    }

    /** A failed sync attempt (stream lost before syncing, snapshot not lining up, …). */
    synchronized void fail(String problem) {
        failedAttempts++;
        lastProblem = problem;
    }

    /**
     * Discards the book (its stream was lost, or it turned out unusable). A book that was not synced
     * yet counts a failed sync attempt. Returns whether it was synced.
     */
    synchronized boolean discard(String problem) {
        boolean was = synced;
        sync.reset();
        synced = false;
        if (!was) {
            fail(problem);
        } else {
            lastProblem = problem;
        }
        return was;
    }

    /** The top {@code depth} levels of a synced book, or null while it is not synced. */
    synchronized View view(int depth) {
        if (!synced) {
            return null;
        }
        return new View(instrument, sync.bids(depth), sync.asks(depth), sync.lastEventTime(), sync.lastUpdateId());
    }

    private Outcome track(Outcome outcome) {
        synced = sync.synced();
        if (outcome == Outcome.SYNCED) {
            failedAttempts = 0;
        }
        return outcome;
    }
}
