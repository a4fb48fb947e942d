package io.marketdata.scoring.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exponentially weighted moving average: {@code new = α·current + (1 − α)·previous}; the first
 * observation (no previous value) is taken as it is. α ∈ (0, 1]; α = 1 disables smoothing.
 */
public final class Ewma {

    /** Seed default. */
    public static final double DEFAULT_ALPHA = 0.3;

    private final double alpha;

    public Ewma(double alpha) {
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], is " + alpha);
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    /** The smoothed value after observing {@code current}; {@code previous} null = first observation. */
    public double next(Double previous, double current) {
        return previous == null ? current : alpha * current + (1.0 - alpha) * previous;
    }

    /**
     * Smooths every entry of {@code current} against the same key of {@code previous} (a key
     * seen for the first time starts at its current value). The result has exactly the keys of
     * {@code current}, in its order.
     */
    public Map<String, Double> next(Map<String, Double> previous, Map<String, Double> current) {
        Map<String, Double> smoothed = new LinkedHashMap<>();
        current.forEach((key, value) -> smoothed.put(key, next(previous.get(key), value)));
        return Collections.unmodifiableMap(smoothed);
    }
}
