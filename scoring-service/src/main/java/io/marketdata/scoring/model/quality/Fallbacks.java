package io.marketdata.scoring.model.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * Fallback scores from a token's recent score history (seed "To The Moon", fallback mechanisms),
 * used when no score can be computed this round.
 *
 * <p>The history is the token's most recent published {@code score} values, oldest first;
 * fallback scores are published and therefore part of later histories, so a token whose data
 * keeps failing fades towards 0 instead of keeping its last good score. Only the last
 * {@value #HISTORY_SIZE} finite values count; with no history the fallback is 0.
 */
public final class Fallbacks {

    /** How many recent scores the fallbacks look at. */
    public static final int HISTORY_SIZE = 10;
    /** Critical issue: median of the recent scores times this. */
    public static final double CRITICAL_FACTOR = 0.5;
    /** Temporary gap: mean of the recent scores times this. */
    public static final double GAP_FACTOR = 0.7;

    private Fallbacks() {
    }

    /** {@code median(last 10 scores) × 0.5}; 0 without history. */
    public static double critical(List<Double> recentScores) {
        List<Double> window = window(recentScores);
        return window.isEmpty() ? 0.0 : median(window) * CRITICAL_FACTOR;
    }

    /** {@code mean(last 10 scores) × 0.7}; 0 without history. */
    public static double gap(List<Double> recentScores) {
        List<Double> window = window(recentScores);
        return window.isEmpty() ? 0.0 : mean(window) * GAP_FACTOR;
    }

    /** The last {@value #HISTORY_SIZE} finite scores, oldest first. */
    public static List<Double> window(List<Double> recentScores) {
        List<Double> finite = new ArrayList<>(recentScores.size());
        for (Double score : recentScores) {
            if (score != null && Double.isFinite(score)) {
                finite.add(score);
            }
        }
        return List.copyOf(finite.subList(Math.max(0, finite.size() - HISTORY_SIZE), finite.size()));
    }

    /** Median of a non-empty list: the middle value, or the mean of the two middle values. */
    public static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /** Arithmetic mean of a non-empty list. */
    public static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
    }
}
