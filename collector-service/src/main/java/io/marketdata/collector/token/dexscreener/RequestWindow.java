package io.marketdata.collector.token.dexscreener;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} requests in any {@code window} (a sliding log of send times). Unlike a token
 * bucket, whose full bucket plus a window's refill allows up to twice the limit in the first window,
 * this never lets more than {@code limit} requests fall into one window, whichever window
 * DexScreener counts in. Callers never wait inside: a request that does not fit is tried again on a
 * later tick. Thread-safe.
 */
public final class RequestWindow {

    private final int limit;
    private final long windowMillis;
    private final LongSupplier clock;
    private final ArrayDeque<Long> sent = new ArrayDeque<>();

    /** @param clock epoch or monotonic milliseconds; tests pass a fake one */
    public RequestWindow(int limit, Duration window, LongSupplier clock) {
        if (limit < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a request window needs limit >= 1 and a positive duration");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Takes one request if the window has room, and says whether it did. */
    public synchronized boolean tryAcquire() {
        long now = clock.getAsLong();
        evict(now);
        if (sent.size() >= limit) {
            return false;
        }
        sent.addLast(now);
        return true;
    }

    /** Requests in the current window. */
    public synchronized int used() {
        evict(clock.getAsLong());
        return sent.size();
    }

    public int limit() {
        return limit;
    }

    private void evict(long now) {
        while (!sent.isEmpty() && sent.peekFirst() <= now - windowMillis) {
            sent.pollFirst();
        }
    }
}
