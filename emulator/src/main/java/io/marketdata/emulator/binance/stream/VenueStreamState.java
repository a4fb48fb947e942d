package io.marketdata.emulator.binance.stream;

import io.marketdata.emulator.market.Instrument;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Per-venue stream faults and counters. */
final class VenueStreamState {

    private final Set<Instrument> pendingGaps = ConcurrentHashMap.newKeySet();
    private final AtomicLong silencedThroughTick = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder eventsSent = new LongAdder();
    private final LongAdder gapsInjected = new LongAdder();
    private volatile boolean silent;

    /** The next event of {@code i} is to be withheld from everyone. */
    void requestGap(Instrument i) {
        pendingGaps.add(i);
    }

    /** True (once) when the next event of {@code i} is to be withheld; counts the gap. */
    boolean takeGap(Instrument i) {
        if (pendingGaps.remove(i)) {
            gapsInjected.increment();
            return true;
        }
        return false;
    }

    boolean silent() {
        return silent;
    }

    void silence() {
        silent = true;
    }

    /**
     * Ends the silence at {@code currentTick}: the events of every tick up to it are skipped, even
     * those the sender had not reached yet, so the resulting id jump does not depend on timing.
     */
    void unsilence(long currentTick) {
        silencedThroughTick.accumulateAndGet(currentTick, Math::max);
        silent = false;
    }

    /** Ticks up to this one belong to a silent period (their events are never sent). */
    long silencedThroughTick() {
        return silencedThroughTick.get();
    }

    void sent(int frames) {
        eventsSent.add(frames);
    }

    long eventsSent() {
        return eventsSent.sum();
    }

    long gapsInjected() {
        return gapsInjected.sum();
    }

    void resetCounters() {
        eventsSent.reset();
        gapsInjected.reset();
    }
}
