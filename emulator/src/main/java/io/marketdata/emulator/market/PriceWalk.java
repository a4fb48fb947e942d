package io.marketdata.emulator.market;

/**
 * The shared mid price of one asset: a seeded, mean-reverting random walk in log space,
 * {@code x(t+1) = x(t) − κ·(x(t) − x0) + σ·z(seed, asset, t+1)}. It is advanced lazily to the
 * tick asked for; the last {@code historyTicks} values are kept for candles and late readers.
 * Because every step is a pure function of (seed, asset, tick) the path is identical for a given
 * seed no matter when or how often it is read.
 */
final class PriceWalk {

    private static final long SALT_WALK = 0x57A1L;
    private static final long SALT_START = 0x57A2L;
    private static final double KAPPA = 1.0 / 20000.0;

    private final long seed;
    private final Asset asset;
    private final double x0;
    private final double sigma;
    private final double[] ring;
    private long lastTick;
    private double x;

    PriceWalk(long seed, Asset asset, int historyTicks) {
        this.seed = seed;
        this.asset = asset;
        // A seeded ±1 % start so different seeds are distinguishable from tick 0.
        double jitter = 0.01 * Rng.symmetric(Rng.hash(seed, SALT_START, asset.index()));
        this.x0 = StrictMath.log(asset.startPrice() * (1.0 + jitter));
        this.sigma = asset.sigmaBps() * 1e-4;
        this.ring = new double[Math.max(2, historyTicks)];
        this.lastTick = 0;
        this.x = x0;
        ring[0] = x0;
    }

    private double step(double prev, long tick) {
        double z = Rng.gaussian(Rng.hash(seed, SALT_WALK, asset.index(), tick));
        return prev - KAPPA * (prev - x0) + sigma * z;
    }

    /** log(mid) at {@code tick}. */
    synchronized double logMidAt(long tick) {
        if (tick < 0) {
            tick = 0;
        }
        if (tick > lastTick) {
            for (long t = lastTick + 1; t <= tick; t++) {
                x = step(x, t);
                ring[(int) (t % ring.length)] = x;
            }
            lastTick = tick;
            return x;
        }
        if (lastTick - tick < ring.length) {
            return ring[(int) (tick % ring.length)];
        }
        // Older than the history kept: replay the path from the start (rare, still deterministic).
        double y = x0;
        for (long t = 1; t <= tick; t++) {
            y = step(y, t);
        }
        return y;
    }

    double midAt(long tick) {
        return StrictMath.exp(logMidAt(tick));
    }

    /** Oldest tick still held in the history ring. */
    synchronized long oldestKept() {
        return Math.max(0, lastTick - ring.length + 1);
    }
}
