package io.marketdata.collector.stats;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one collection loop: totals since start (for {@code get_statistics}) and a window
 * that the periodic summary reads and resets.
 */
public final class LoopStatistics {

    private final String name;
    private final AtomicLong success = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong skippedCycles = new AtomicLong();
    private final AtomicLong windowSuccess = new AtomicLong();
    private final AtomicLong windowErrors = new AtomicLong();
    private volatile long lastSuccessAt;
    private volatile long lastCycleAt;
    private volatile String lastError;
    private volatile int instruments;
    private volatile int bookDepth;
    private volatile List<String> unavailable = List.of();
    private volatile Map<String, Object> liveBooks;

    public LoopStatistics(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void success() {
        success.incrementAndGet();
        windowSuccess.incrementAndGet();
        lastSuccessAt = System.currentTimeMillis();
    }

    public void error(String message) {
        errors.incrementAndGet();
        windowErrors.incrementAndGet();
        lastError = message;
    }

    public void cycle(boolean skipped) {
        cycles.incrementAndGet();
        if (skipped) {
            skippedCycles.incrementAndGet();
        }
        lastCycleAt = System.currentTimeMillis();
    }

    public void coverage(int instrumentCount, List<String> unavailableSymbols) {
        instruments = instrumentCount;
        unavailable = List.copyOf(unavailableSymbols);
    }

    public void bookDepth(int depth) {
        bookDepth = depth;
    }

    /** Returns {success, errors} of the window and starts a new one. */
    public long[] takeWindow() {
        return new long[] {windowSuccess.getAndSet(0), windowErrors.getAndSet(0)};
    }

    public long successCount() {
        return success.get();
    }

    public long errorCount() {
        return errors.get();
    }

    public long cycleCount() {
        return cycles.get();
    }

    public long skippedCycleCount() {
        return skippedCycles.get();
    }

    public long lastSuccessAt() {
        return lastSuccessAt;
    }

    public long lastCycleAt() {
        return lastCycleAt;
    }

    public String lastError() {
        return lastError;
    }

    public int instruments() {
        return instruments;
    }

    public int bookDepth() {
        return bookDepth;
    }

    public List<String> unavailable() {
        return unavailable;
    }

    /** Live-book states of a streamed venue (synced / syncing / fallback …); null for REST-only venues. */
    public void liveBooks(Map<String, Object> status) {
        liveBooks = status;
    }

    public Map<String, Object> liveBooks() {
        return liveBooks;
    }
}
