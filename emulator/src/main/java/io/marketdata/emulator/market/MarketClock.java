package io.marketdata.emulator.market;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The market's tick counter. While running, the tick advances by one every {@code tickMs} of wall
 * time; while frozen it stands still (books and prices stay fixed) and can be advanced explicitly
 * with {@link #step(long)}. The mapping tick → wall time is kept as segments so history (mark-price
 * candles) can be placed on the wall clock.
 */
public final class MarketClock {

    private record Segment(long startTick, long startWallMs, boolean running) {
    }

    private record State(boolean frozen, long baseTick, long runningSinceMs) {
    }

    private final long tickMs;
    private final LongSupplier nowMs;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private volatile State state;

    public MarketClock(long tickMs, LongSupplier nowMs, boolean startFrozen) {
        if (tickMs <= 0) {
            throw new IllegalArgumentException("tick-ms must be positive: " + tickMs);
        }
        this.tickMs = tickMs;
        this.nowMs = nowMs;
        long now = nowMs.getAsLong();
        this.state = new State(startFrozen, 0, now);
        segments.put(0L, new Segment(0, now, !startFrozen));
    }

    public long tickMs() {
        return tickMs;
    }

    public long nowMs() {
        return nowMs.getAsLong();
    }

    public boolean frozen() {
        return state.frozen;
    }

    /** The current tick: a pure function of the freeze/resume/step history and the wall clock. */
    public long currentTick() {
        State s = state;
        if (s.frozen) {
            return s.baseTick;
        }
        long elapsed = nowMs.getAsLong() - s.runningSinceMs;
        return s.baseTick + Math.max(0, elapsed / tickMs);
    }

    /** Stops the market; returns the tick it stands on. Idempotent. */
    public synchronized long freeze() {
        State s = state;
        if (s.frozen) {
            return s.baseTick;
        }
        long tick = currentTick();
        long now = nowMs.getAsLong();
        state = new State(true, tick, now);
        segments.put(tick, new Segment(tick, wallTimeOfLocked(tick), false));
        return tick;
    }

    /** Restarts the market from the tick it stands on. Idempotent. */
    public synchronized long resume() {
        State s = state;
        if (!s.frozen) {
            return currentTick();
        }
        long now = nowMs.getAsLong();
        state = new State(false, s.baseTick, now);
        segments.put(s.baseTick, new Segment(s.baseTick, now, true));
        return s.baseTick;
    }

    /** Advances a frozen market by {@code ticks}; a running market is frozen first. Returns the new tick. */
    public synchronized long step(long ticks) {
        if (ticks < 0) {
            throw new IllegalArgumentException("ticks must be ≥ 0");
        }
        freeze();
        State s = state;
        long tick = s.baseTick + ticks;
        long now = nowMs.getAsLong();
        state = new State(true, tick, now);
        segments.put(tick, new Segment(tick, now, false));
        return tick;
    }

    /** Wall time (ms) at which {@code tick} began. */
    public synchronized long wallTimeOf(long tick) {
        return wallTimeOfLocked(tick);
    }

    private long wallTimeOfLocked(long tick) {
        Map.Entry<Long, Segment> e = segments.floorEntry(tick);
        if (e == null) {
            return segments.firstEntry().getValue().startWallMs;
        }
        Segment seg = e.getValue();
        if (!seg.running) {
            return seg.startWallMs;
        }
        return seg.startWallMs + (tick - seg.startTick) * tickMs;
    }
}
