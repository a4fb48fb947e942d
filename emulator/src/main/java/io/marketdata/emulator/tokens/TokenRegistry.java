package io.marketdata.emulator.tokens;

import io.marketdata.emulator.market.MarketClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The migrations so far. Migrations follow the market clock: slot {@code k ≥ 1} falls at market time
 * {@code k × interval}, so a frozen clock migrates nothing and {@code clock/step} produces the
 * migrations of the stepped time. {@link #migrateNow} adds extra migrations at the current market time.
 * Whatever the timing, migration number {@code i} is always {@code TokenFactory.spec(i)}.
 *
 * <p>Slots are materialised lazily by {@link #catchUp()}, which every reader calls (the PumpPortal
 * sender, DexScreener requests, the admin API). When more than {@code maxCatchUp} slots are due at
 * once (a clock stepped by days) only the latest {@code maxCatchUp} happen — the feed is lossy anyway.
 * At most {@code maxTokens} tokens are kept; older ones are forgotten (DexScreener answers {@code []}).
 */
public final class TokenRegistry {

    private final TokenFactory factory;
    private final MarketClock clock;
    private final long intervalMs;
    private final int maxCatchUp;
    private final int maxTokens;
    private final ArrayDeque<MigratedToken> tokens = new ArrayDeque<>();
    private final Map<String, MigratedToken> byMint = new HashMap<>();
    private long slotsDone;
    private long nextIndex;

    public TokenRegistry(TokenFactory factory, MarketClock clock, long intervalMs, int maxCatchUp, int maxTokens) {
        if (intervalMs <= 0 || maxCatchUp <= 0 || maxTokens <= 0) {
            throw new IllegalArgumentException("migration interval, max catch-up and max tokens must be positive");
        }
        this.factory = factory;
        this.clock = clock;
        this.intervalMs = intervalMs;
        this.maxCatchUp = maxCatchUp;
        this.maxTokens = maxTokens;
    }

    public TokenFactory factory() {
        return factory;
    }

    public long intervalMs() {
        return intervalMs;
    }

    /** Market time now: ms of market clock since the start (stands still while the clock is frozen). */
    public long marketMs() {
        return clock.currentTick() * clock.tickMs();
    }

    /** Epoch ms at which the market reached {@code marketMs}. */
    private long wallMs(long marketMs) {
        long tick = marketMs / clock.tickMs();
        return clock.wallTimeOf(tick) + marketMs % clock.tickMs();
    }

    /** Materialises the scheduled migrations due by now; returns how many were added. */
    public synchronized int catchUp() {
        long due = marketMs() / intervalMs;
        if (due <= slotsDone) {
            return 0;
        }
        long first = Math.max(slotsDone + 1, due - maxCatchUp + 1);
        for (long slot = first; slot <= due; slot++) {
            append(slot * intervalMs);
        }
        slotsDone = due;
        return (int) (due - first + 1);
    }

    /** Migrates {@code count} more tokens at the current market time (after the scheduled ones due). */
    public synchronized List<MigratedToken> migrateNow(int count) {
        catchUp();
        long now = marketMs();
        List<MigratedToken> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(append(now));
        }
        return out;
    }

    private MigratedToken append(long marketMs) {
        MigratedToken t = new MigratedToken(factory.spec(nextIndex++), marketMs, wallMs(marketMs));
        tokens.addLast(t);
        byMint.put(t.mint(), t);
        while (tokens.size() > maxTokens) {
            byMint.remove(tokens.removeFirst().mint());
        }
        return t;
    }

    /** Migrations so far (the next migration's index). */
    public synchronized long count() {
        return nextIndex;
    }

    public synchronized int kept() {
        return tokens.size();
    }

    public synchronized MigratedToken byMint(String mint) {
        return byMint.get(mint);
    }

    /** Kept migrations with {@code index ≥ fromIndex}, oldest first. */
    public synchronized List<MigratedToken> from(long fromIndex) {
        List<MigratedToken> out = new ArrayList<>();
        Iterator<MigratedToken> it = tokens.descendingIterator();
        while (it.hasNext()) {
            MigratedToken t = it.next();
            if (t.index() < fromIndex) {
                break;
            }
            out.add(t);
        }
        Collections.reverse(out);
        return out;
    }

    /** The {@code limit} most recent migrations, newest first. */
    public synchronized List<MigratedToken> newest(int limit) {
        List<MigratedToken> out = new ArrayList<>(Math.min(limit, tokens.size()));
        Iterator<MigratedToken> it = tokens.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }
}
