package io.marketdata.emulator.tokens;

import java.util.List;

/**
 * Trading on a token's main pool as a function of its age {@code a} (seconds since migration).
 * Buys and sells are each a sum of waves; a wave of mass {@code M} peaking at {@code p} trades at
 * rate {@code M·a/p²·e^(−a/p)}, so it rises from zero, peaks at {@code a = p} and fades
 * exponentially, and its cumulative count has the closed form {@code M·(1 − (1 + a/p)·e^(−a/p))}.
 * Window counts are differences of these cumulative counts, which is why every window is exact and
 * {@code m5 ≤ h1 ≤ h6 ≤ h24} always holds. Buy waves peak earlier than sell waves (×0.8 vs ×1.25 of
 * the wave's peak), so order flow leans to buys while activity rises and to sells while it fades.
 */
public final class ActivityCurve {

    /** One wave of trades: {@code mass} trades over its life, peaking {@code peakSeconds} after migration. */
    public record Wave(double mass, double peakSeconds) {

        /** Trades of this wave in {@code [0, ageSeconds]}. */
        public double cumulative(double ageSeconds) {
            if (ageSeconds <= 0 || mass == 0) {
                return 0;
            }
            double x = ageSeconds / peakSeconds;
            return mass * (1.0 - (1.0 + x) * StrictMath.exp(-x));
        }
    }

    private final List<Wave> buys;
    private final List<Wave> sells;
    private final double sensitivity;
    private final double totalMass;

    public ActivityCurve(List<Wave> buys, List<Wave> sells, double sensitivity) {
        this.buys = List.copyOf(buys);
        this.sells = List.copyOf(sells);
        this.sensitivity = sensitivity;
        double total = 0;
        for (Wave w : this.buys) {
            total += w.mass();
        }
        for (Wave w : this.sells) {
            total += w.mass();
        }
        this.totalMass = Math.max(1.0, total);
    }

    /** Buys on the main pool in {@code [0, ageSeconds]} (fractional: callers floor cumulative counts). */
    public double buys(double ageSeconds) {
        return sum(buys, ageSeconds);
    }

    /** Sells on the main pool in {@code [0, ageSeconds]}. */
    public double sells(double ageSeconds) {
        return sum(sells, ageSeconds);
    }

    public double trades(double ageSeconds) {
        return buys(ageSeconds) + sells(ageSeconds);
    }

    /** Trades over the token's whole life on its main pool. */
    public double totalMass() {
        return totalMass;
    }

    /**
     * Price relative to the migration price: {@code exp(sensitivity · (buys − sells) / totalMass)}.
     * Net buying lifts the price, net selling brings it back, so the price follows the order flow.
     */
    public double priceFactor(double ageSeconds) {
        return StrictMath.exp(sensitivity * (buys(ageSeconds) - sells(ageSeconds)) / totalMass);
    }

    public List<Wave> buyWaves() {
        return buys;
    }

    public List<Wave> sellWaves() {
        return sells;
    }

    private static double sum(List<Wave> waves, double ageSeconds) {
        double s = 0;
        for (Wave w : waves) {
            s += w.cumulative(ageSeconds);
        }
        return s;
    }
}
