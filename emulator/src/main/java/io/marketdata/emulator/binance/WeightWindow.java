package io.marketdata.emulator.binance;

/**
 * Binance-style request weight per IP and UTC minute: the counter resets at every minute boundary,
 * which is what the {@code X-MBX-USED-WEIGHT-1M} header reports.
 */
public final class WeightWindow {

    private final int limit;
    private long minute = Long.MIN_VALUE;
    private int used;

    public WeightWindow(int limit) {
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /** Adds {@code weight} for a request at {@code nowMs}; returns the minute's running total. */
    public synchronized int add(long nowMs, int weight) {
        long m = Math.floorDiv(nowMs, 60_000L);
        if (m != minute) {
            minute = m;
            used = 0;
        }
        used += weight;
        return used;
    }

    public synchronized int used(long nowMs) {
        return Math.floorDiv(nowMs, 60_000L) == minute ? used : 0;
    }

    public synchronized void reset() {
        minute = Long.MIN_VALUE;
        used = 0;
    }

    /** Whole seconds until the window resets (at least 1). */
    public static long secondsToNextMinute(long nowMs) {
        long next = (Math.floorDiv(nowMs, 60_000L) + 1) * 60_000L;
        return Math.max(1, (next - nowMs + 999) / 1000);
    }
}
