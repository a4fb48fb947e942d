package io.marketdata.emulator.market;

/**
 * Stateless, seedable pseudo-randomness: every random number of the model is a pure function of
 * the seed and of coordinates such as (instrument, tick, price level). This is what makes the
 * market deterministic for a seed and a tick number, lets books be generated lazily in any order,
 * and keeps books persistent between ticks (a level's size depends on its price, not on its index).
 * Only {@link StrictMath} is used so results are bit-identical across JIT/interpreter and platforms.
 */
public final class Rng {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Rng() {
    }

    /** SplitMix64 finaliser: a bijective, well-mixing 64-bit hash. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long hash(long a, long b) {
        return mix(mix(a + GOLDEN) ^ (b * GOLDEN + 0x632BE59BD9B4E019L));
    }

    public static long hash(long a, long b, long c) {
        return hash(hash(a, b), c);
    }

    public static long hash(long a, long b, long c, long d) {
        return hash(hash(hash(a, b), c), d);
    }

    public static long hash(long a, long b, long c, long d, long e) {
        return hash(hash(hash(hash(a, b), c), d), e);
    }

    /** Uniform double in [0, 1). */
    public static double uniform(long h) {
        return (mix(h) >>> 11) * 0x1.0p-53;
    }

    /** Uniform double in [-1, 1). */
    public static double symmetric(long h) {
        return uniform(h) * 2.0 - 1.0;
    }

    /** Standard normal variate (Box-Muller on two uniforms derived from {@code h}). */
    public static double gaussian(long h) {
        double u1 = uniform(h);
        double u2 = uniform(h ^ 0x5DEECE66DL);
        if (u1 < 1e-300) {
            u1 = 1e-300;
        }
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Stable 64-bit hash of a string (independent of {@link String#hashCode()} quirks). */
    public static long hashString(String s) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001B3L;
        }
        return mix(h);
    }
}
