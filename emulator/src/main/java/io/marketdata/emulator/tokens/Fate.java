package io.marketdata.emulator.tokens;

import java.util.Locale;

/**
 * The kind of life a migrated token leads, drawn once per token from the seed. Each fate is a range
 * of parameters for the two trading waves of {@link ActivityCurve}: a <em>pump</em> right after the
 * migration and a slower <em>sustain</em> wave. Masses are trades over the token's whole life on its
 * main pool; peaks are seconds after the migration. README "Activity curve" lists what each fate
 * means for the lifecycle thresholds.
 */
public enum Fate {

    /** A burst of trading right after migration: activates within ~1–4 min, fades after ~1 h. */
    ROCKET(0.30, 1500, 5000, 90, 240, 200, 800, 1800, 5400, 0.52, 0.60, 4, 7),
    /** A burst followed by hours of steady trading: activates within minutes, stays busy most of a day. */
    RUNNER(0.10, 1000, 3000, 120, 300, 12_000, 30_000, 3600, 4 * 3600, 0.52, 0.58, 4, 7),
    /** A slow build-up: activates after ~5–75 min, fades after several hours. */
    CLIMBER(0.20, 100, 400, 120, 360, 2500, 8000, 1200, 7200, 0.50, 0.56, 3, 6),
    /** A token nobody trades: fewer than 300 trades over its whole life on all pools together. */
    DUD(0.40, 50, 140, 180, 720, 0, 0, 1, 1, 0.42, 0.50, 2, 4);

    final double weight;
    final double pumpMassMin;
    final double pumpMassMax;
    final double pumpPeakMin;
    final double pumpPeakMax;
    final double sustainMassMin;
    final double sustainMassMax;
    final double sustainPeakMin;
    final double sustainPeakMax;
    /** Share of the trades that are buys; above 0.5 the price ends higher than at the migration. */
    final double buyShareMin;
    final double buyShareMax;
    /** How strongly net buying moves the price (see {@link ActivityCurve#priceFactor}). */
    final double sensitivityMin;
    final double sensitivityMax;

    Fate(double weight, double pumpMassMin, double pumpMassMax, double pumpPeakMin, double pumpPeakMax,
            double sustainMassMin, double sustainMassMax, double sustainPeakMin, double sustainPeakMax,
            double buyShareMin, double buyShareMax, double sensitivityMin, double sensitivityMax) {
        this.weight = weight;
        this.pumpMassMin = pumpMassMin;
        this.pumpMassMax = pumpMassMax;
        this.pumpPeakMin = pumpPeakMin;
        this.pumpPeakMax = pumpPeakMax;
        this.sustainMassMin = sustainMassMin;
        this.sustainMassMax = sustainMassMax;
        this.sustainPeakMin = sustainPeakMin;
        this.sustainPeakMax = sustainPeakMax;
        this.buyShareMin = buyShareMin;
        this.buyShareMax = buyShareMax;
        this.sensitivityMin = sensitivityMin;
        this.sensitivityMax = sensitivityMax;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The fate a uniform draw {@code u ∈ [0, 1)} selects (by the weights above, which sum to 1). */
    static Fate pick(double u) {
        double acc = 0;
        for (Fate f : values()) {
            acc += f.weight;
            if (u < acc) {
                return f;
            }
        }
        return DUD;
    }
}
