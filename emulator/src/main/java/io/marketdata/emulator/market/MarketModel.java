package io.marketdata.emulator.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The seeded market: one shared mid per asset (a random walk, {@link PriceWalk}), and for every
 * (venue, instrument) a venue mid a few bps away, a deep persistent book, a quote and funding.
 * Every value is a pure function of (seed, instrument, tick), generated lazily on first use in a
 * tick and cached until the tick changes. Reusable by any protocol front-end (REST now, streams later).
 */
public final class MarketModel {

    /** Funding settles every 8 h at 00:00, 08:00 and 16:00 UTC. */
    public static final long FUNDING_INTERVAL_MS = 8L * 60 * 60 * 1000;

    private static final long SALT_VOFF = 0x101;
    private static final long SALT_VNOISE = 0x102;
    private static final long SALT_SPREAD = 0x103;
    private static final long SALT_BID = 0x104;
    private static final long SALT_ASK = 0x105;
    private static final long SALT_PHASE = 0x106;
    private static final long SALT_SIZE = 0x107;
    private static final long SALT_LAST = 0x108;
    private static final long SALT_MARK = 0x109;
    private static final long SALT_INDEX = 0x10A;
    private static final long SALT_FAMP = 0x10B;
    private static final long SALT_FPERIOD = 0x10C;
    private static final long SALT_FPHASE = 0x10D;
    private static final long SALT_FVENUE = 0x10E;
    private static final long SALT_FNOISE = 0x10F;
    private static final long SALT_CHANGE = 0x110;
    private static final long SALT_HIGHLOW = 0x111;
    private static final long SALT_VOLUME = 0x112;
    private static final long SALT_UPDATE = 0x113;

    /**
     * Consecutive update ids one tick's book changes occupy: the diff-depth event of tick t spans
     * {@code (updateIdAt(t-1), updateIdAt(t)]}, like a real event that batches several updates.
     */
    public static final long UPDATE_IDS_PER_TICK = 17;

    /** Fraction of the price over which a book's levels spread. */
    private static final double COVERAGE = 0.04;
    /** Levels within this many ticks of the touch are always present. */
    private static final int DENSE_TICKS = 5;
    /** Decay length (ticks) of the densely populated zone beyond the touch. */
    private static final int NEAR_TICKS = 30;
    /** A level's size is redrawn every this many ticks (phase-shifted per level). */
    private static final int SIZE_REFRESH_TICKS = 8;

    private final long seed;
    private final MarketClock clock;
    private final Universe universe;
    private final PriceWalk[] walks;
    private final AtomicReferenceArray<Snapshot> cache;

    public MarketModel(long seed, MarketClock clock, int historyTicks) {
        this.seed = seed;
        this.clock = clock;
        this.universe = new Universe();
        List<Asset> assets = universe.assets();
        this.walks = new PriceWalk[assets.size()];
        for (Asset a : assets) {
            walks[a.index()] = new PriceWalk(seed, a, historyTicks);
        }
        this.cache = new AtomicReferenceArray<>(universe.all().size());
    }

    public long seed() {
        return seed;
    }

    public MarketClock clock() {
        return clock;
    }

    public Universe universe() {
        return universe;
    }

    public long currentTick() {
        return clock.currentTick();
    }

    public List<Instrument> instruments(Venue venue) {
        return universe.instruments(venue);
    }

    public Instrument byRouting(Venue venue, String routingSymbol) {
        return universe.byRouting(venue, routingSymbol);
    }

    public Instrument byNative(Venue venue, String nativeId) {
        return universe.byNative(venue, nativeId);
    }

    /**
     * The instrument {@code nativeId} names, as a list of one, or all of the venue's instruments when
     * {@code nativeId} is null or empty; null when the venue does not list {@code nativeId}.
     */
    public List<Instrument> oneOrAll(Venue venue, String nativeId) {
        if (nativeId == null || nativeId.isEmpty()) {
            return instruments(venue);
        }
        Instrument i = byNative(venue, nativeId);
        return i == null ? null : List.of(i);
    }

    /** The upcoming funding settlement after {@code nowMs}: the next 00:00/08:00/16:00 UTC. */
    public static long nextFundingTime(long nowMs) {
        return (Math.floorDiv(nowMs, FUNDING_INTERVAL_MS) + 1) * FUNDING_INTERVAL_MS;
    }

    /** The upcoming funding settlement, by the wall clock. */
    public long nextFundingTime() {
        return nextFundingTime(clock.nowMs());
    }

    /** Snapshot at the current tick (cached for the tick). */
    public Snapshot snapshot(Instrument inst) {
        return snapshotAt(inst, clock.currentTick());
    }

    /** Snapshot at any tick; the current tick's is cached. */
    public Snapshot snapshotAt(Instrument inst, long tick) {
        Snapshot cached = cache.get(inst.id());
        if (cached != null && cached.tick() == tick) {
            return cached;
        }
        Snapshot fresh = build(inst, tick);
        if (cached == null || cached.tick() < tick) {
            cache.set(inst.id(), fresh);
        }
        return fresh;
    }

    /**
     * The id of the last update applied to the instrument's book at {@code tick}: a per-instrument
     * base plus {@link #UPDATE_IDS_PER_TICK} per tick. It is {@link Snapshot#updateId()} (Binance
     * {@code lastUpdateId}) and the {@code u} of the tick's diff-depth event, so streams and REST
     * snapshots chain without generating a book.
     */
    public long updateIdAt(Instrument inst, long tick) {
        return 1_000_000_000L + (Rng.hash(seed, SALT_UPDATE, key(inst)) >>> 40) + tick * UPDATE_IDS_PER_TICK;
    }

    /** The asset's shared mid (per one unit of the plain asset) at {@code tick}. */
    public double sharedMid(Asset asset, long tick) {
        return walks[asset.index()].midAt(tick);
    }

    private static long key(Instrument inst) {
        return inst.venue().ordinal() * 1_000L + inst.asset().index();
    }

    private static double pow10(int e) {
        return StrictMath.pow(10.0, e);
    }

    /** The venue's own mid in its price units (a few bps from the shared mid). */
    double venueMid(Instrument inst, long tick) {
        long k = key(inst);
        double shared = sharedMid(inst.asset(), tick) * inst.priceMultiplier();
        double offsetBps = 3.0 * Rng.symmetric(Rng.hash(seed, SALT_VOFF, k));
        double noiseBps = 1.0 * Rng.symmetric(Rng.hash(seed, SALT_VNOISE, k, tick));
        if (inst.venue() == Venue.BINANCE_SPOT) {
            offsetBps -= 1.5;
        }
        return shared * (1.0 + (offsetBps + noiseBps) * 1e-4);
    }

    /** Mark price in ticks at {@code tick}. */
    public long markTicksAt(Instrument inst, long tick) {
        double mid = venueMid(inst, tick);
        double basis = 0.8e-4 * Rng.symmetric(Rng.hash(seed, SALT_MARK, key(inst), tick));
        return Math.max(1, Math.round(mid * (1.0 + basis) * pow10(inst.tickScale())));
    }

    private long indexTicksAt(Instrument inst, long tick) {
        double shared = sharedMid(inst.asset(), tick) * inst.priceMultiplier();
        double noise = 0.5e-4 * Rng.symmetric(Rng.hash(seed, SALT_INDEX, key(inst), tick));
        return Math.max(1, Math.round(shared * (1.0 + noise) * pow10(inst.tickScale())));
    }

    /** Funding rate: smooth per-asset cycle around 0.01 %, can go negative, per-venue offset. */
    private BigDecimal fundingRateAt(Instrument inst, long tick) {
        int a = inst.asset().index();
        double amp = 0.00005 + 0.00035 * Rng.uniform(Rng.hash(seed, SALT_FAMP, a));
        double period = 3600.0 + 10800.0 * Rng.uniform(Rng.hash(seed, SALT_FPERIOD, a));
        double phase = 2.0 * StrictMath.PI * Rng.uniform(Rng.hash(seed, SALT_FPHASE, a));
        double venueOffset = 0.00002 * Rng.symmetric(Rng.hash(seed, SALT_FVENUE, key(inst)));
        double noise = 0.000003 * Rng.symmetric(Rng.hash(seed, SALT_FNOISE, key(inst), tick));
        double rate = 0.0001 + amp * StrictMath.sin(2.0 * StrictMath.PI * tick / period + phase) + venueOffset + noise;
        return BigDecimal.valueOf(Math.round(rate * 1e8), 8);
    }

    private Snapshot build(Instrument inst, long tick) {
        Venue venue = inst.venue();
        Asset asset = inst.asset();
        long k = key(inst);
        double scale = pow10(inst.tickScale());
        double mid = venueMid(inst, tick);
        double midTicks = mid * scale;
        double refTicks = asset.startPrice() * inst.priceMultiplier() * scale;

        // Spread: usually one tick; wider when the tick is tiny relative to the price.
        double hs = Rng.uniform(Rng.hash(seed, SALT_SPREAD, k, tick));
        int maxExtra = (int) Math.min(4, Math.max(0, refTicks * 0.5e-4));
        int spread = hs < 0.6 || maxExtra == 0 ? 1 : 1 + (int) ((hs - 0.6) / 0.4 * (maxExtra + 1)) % (maxExtra + 1);
        long bestBid = Math.max(1, (long) StrictMath.floor(midTicks - spread / 2.0));
        long bestAsk = bestBid + spread;

        int depth = venue.depth();
        double coverageTicks = Math.max(1.0, COVERAGE * refTicks);
        // Dense at the touch, thinning out over ~30 ticks to a constant density that spreads the
        // modelled depth over about COVERAGE of the price.
        double presence = Math.min(1.0, Math.max(0.0, 1.2 * depth - DENSE_TICKS - NEAR_TICKS) / coverageTicks);
        double levelNotional = asset.dailyVolumeUsd() * 4e-6 * venue.liquidity();
        // Quote value of one unit per tick of price: price_ticks × 10^-tickScale × 10^unitExp.
        double unitValuePerTick = pow10(inst.unitExp() - inst.tickScale());

        long[] bidPx = new long[depth];
        long[] bidQty = new long[depth];
        int nb = 0;
        long floor = Math.max(1, bestBid / 2);
        for (long p = bestBid; p >= floor && nb < depth; p--) {
            long d = bestBid - p;
            if (d >= DENSE_TICKS && Rng.uniform(Rng.hash(seed, SALT_BID, k, p)) >= presence(presence, d)) {
                continue;
            }
            bidPx[nb] = p;
            bidQty[nb] = levelUnits(k, p, d, tick, levelNotional, coverageTicks, unitValuePerTick);
            nb++;
        }
        long[] askPx = new long[depth];
        long[] askQty = new long[depth];
        int na = 0;
        long ceiling = bestAsk * 2 + DENSE_TICKS;
        for (long p = bestAsk; p <= ceiling && na < depth; p++) {
            long d = p - bestAsk;
            if (d >= DENSE_TICKS && Rng.uniform(Rng.hash(seed, SALT_ASK, k, p)) >= presence(presence, d)) {
                continue;
            }
            askPx[na] = p;
            askQty[na] = levelUnits(k, p, d, tick, levelNotional, coverageTicks, unitValuePerTick);
            na++;
        }
        OrderBook book = new OrderBook(java.util.Arrays.copyOf(bidPx, nb), java.util.Arrays.copyOf(bidQty, nb),
                java.util.Arrays.copyOf(askPx, na), java.util.Arrays.copyOf(askQty, na));

        Quote quote = quote(inst, tick, mid, book);
        return new Snapshot(inst, tick, updateIdAt(inst, tick), book, quote);
    }

    /** Probability that a price {@code d} ticks from the touch holds a level. */
    private static double presence(double far, long d) {
        if (d < DENSE_TICKS) {
            return 1.0;
        }
        long beyond = d - DENSE_TICKS;
        if (beyond > 20 * NEAR_TICKS) {
            return far;
        }
        return far + (1.0 - far) * StrictMath.exp(-beyond / (double) NEAR_TICKS);
    }

    private long levelUnits(long k, long p, long d, long tick, double levelNotional, double coverageTicks,
            double unitValuePerTick) {
        long epoch;
        if (d < 3) {
            epoch = tick;
        } else {
            long phase = (Rng.hash(seed, SALT_PHASE, k, p) >>> 1) % SIZE_REFRESH_TICKS;
            epoch = Math.floorDiv(tick + phase, SIZE_REFRESH_TICKS);
        }
        double z = Rng.gaussian(Rng.hash(seed, SALT_SIZE, k, p, epoch));
        double notional = levelNotional * StrictMath.exp(0.8 * z) * (1.0 + 2.0 * d / coverageTicks);
        double unitValue = p * unitValuePerTick;
        long units = Math.round(notional / unitValue);
        return Math.max(1, Math.min(units, 1_000_000_000_000L));
    }

    private Quote quote(Instrument inst, long tick, double mid, OrderBook book) {
        Venue venue = inst.venue();
        long k = key(inst);
        long hLast = Rng.hash(seed, SALT_LAST, k, tick);
        long last = Rng.uniform(hLast) < 0.5 ? book.bestBid() : book.bestAsk();
        long lastQty = 1 + (long) (Rng.uniform(hLast + 1) * 20);
        long mark = markTicksAt(inst, tick);
        long index = indexTicksAt(inst, tick);
        BigDecimal funding = venue.perpetual() ? fundingRateAt(inst, tick) : null;

        int a = inst.asset().index();
        double change = 0.05 * StrictMath.sin(2.0 * StrictMath.PI * tick / 43200.0
                + 2.0 * StrictMath.PI * Rng.uniform(Rng.hash(seed, SALT_CHANGE, a)));
        long open = Math.max(1, Math.round(last / (1.0 + change)));
        long hHl = Rng.hash(seed, SALT_HIGHLOW, k, tick / 60);
        long high = Math.round(Math.max(open, last) * (1.0 + 0.015 * Rng.uniform(hHl)));
        long low = Math.max(1, Math.round(Math.min(open, last) * (1.0 - 0.015 * Rng.uniform(hHl + 1))));

        double volumeUsd = inst.asset().dailyVolumeUsd() * venue.liquidity()
                * (1.0 + 0.2 * StrictMath.sin(2.0 * StrictMath.PI * tick / 7200.0
                        + 2.0 * StrictMath.PI * Rng.uniform(Rng.hash(seed, SALT_VOLUME, k))));
        double volumeBaseD = volumeUsd / mid;
        BigDecimal unit = inst.unitSize();
        BigDecimal volumeBase;
        long volumeUnits;
        if (venue.sizesInContracts()) {
            // HTX "amount" / Gate "volume_24h_base": base volume, deliberately not a whole number of contracts.
            int sc = inst.baseSizeScale() + 4;
            volumeBase = BigDecimal.valueOf(Math.round(volumeBaseD * pow10(sc)), sc);
            volumeUnits = volumeBase.divide(unit, 0, RoundingMode.FLOOR).longValueExact();
        } else {
            volumeUnits = Math.round(volumeBaseD / unit.doubleValue());
            volumeBase = inst.baseSizeDecimal(volumeUnits);
        }
        BigDecimal vwap = inst.priceDecimal((open + last) / 2);
        BigDecimal quoteVolume = volumeBase.multiply(vwap).setScale(4, RoundingMode.HALF_EVEN);
        long trades = Math.max(1, Math.round(volumeUsd / 2500.0));
        long openInterest = Math.max(1, Math.round(volumeUnits * 0.35));
        return new Quote(last, lastQty, mark, index, funding, open, high, low, volumeBase, volumeUnits, quoteVolume,
                trades, openInterest);
    }

    /**
     * Mark-price candles of {@code periodMs}, oldest first, ending with the current (open) candle;
     * at most {@code size}, limited to the history the model keeps.
     */
    public List<Candle> markCandles(Instrument inst, long periodMs, int size) {
        long now = clock.currentTick();
        PriceWalk walk = walks[inst.asset().index()];
        walk.logMidAt(now);
        long oldest = walk.oldestKept();
        List<Candle> out = new ArrayList<>();
        long bucket = Long.MIN_VALUE;
        long open = 0;
        long high = 0;
        long low = 0;
        long close = 0;
        for (long t = now; t >= oldest; t--) {
            long b = Math.floorDiv(clock.wallTimeOf(t), periodMs) * periodMs;
            long m = markTicksAt(inst, t);
            if (b != bucket) {
                if (bucket != Long.MIN_VALUE) {
                    out.add(new Candle(bucket / 1000, open, high, low, close));
                    if (out.size() == size) {
                        break;
                    }
                }
                bucket = b;
                close = m;
                high = m;
                low = m;
            }
            open = m;
            high = Math.max(high, m);
            low = Math.min(low, m);
            if (t == oldest) {
                out.add(new Candle(bucket / 1000, open, high, low, close));
            }
        }
        Collections.reverse(out);
        return out;
    }
}
