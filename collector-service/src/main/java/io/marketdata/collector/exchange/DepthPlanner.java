package io.marketdata.collector.exchange;

import java.time.Duration;
import java.util.Arrays;

/**
 * Chooses how deep a book request may be when every request's cost depends on its depth (Binance
 * weights), so the collector stays inside the venue's request-weight budget at the configured symbol
 * count and cadence. Venues whose book request costs the same at any depth simply ask for
 * {@code min(maxDepth, endpoint maximum)}.
 */
public final class DepthPlanner {

    private DepthPlanner() {
    }

    /**
     * The largest limit ≤ {@code maxDepth} whose cost fits the budget:
     * {@code instruments × weight × cyclesPerMinute + fixedWeightPerMinute ≤ budgetPerMinute}; when none
     * fits (or none is ≤ maxDepth), the smallest limit.
     *
     * @param limits               the depths the endpoint accepts, ascending
     * @param weights              the weight of a request at each of those depths
     * @param budgetPerMinute      the request weight we may spend per minute
     * @param fixedWeightPerMinute weight spent per minute on everything but books (bulk tickers, funding)
     * @param instruments          books fetched per cycle
     * @param cyclesPerMinute      collection cycles per minute
     * @param maxDepth             the configured depth cap
     */
    public static int choose(int[] limits, int[] weights, double budgetPerMinute, double fixedWeightPerMinute,
            int instruments, double cyclesPerMinute, int maxDepth) {
        if (limits.length == 0 || limits.length != weights.length) {
            throw new IllegalArgumentException("limits and weights must be non-empty and of equal length");
        }
        int smallest = Arrays.stream(limits).min().getAsInt();
        int best = -1;
        for (int i = 0; i < limits.length; i++) {
            if (limits[i] > maxDepth) {
                continue;
            }
            double cost = (double) instruments * weights[i] * cyclesPerMinute + fixedWeightPerMinute;
            if (cost <= budgetPerMinute && limits[i] > best) {
                best = limits[i];
            }
        }
        return best > 0 ? best : smallest;
    }

    /**
     * The weight of a request at depth {@code limit}: that of the first of {@code limits} (ascending) it
     * does not exceed, else the last weight.
     */
    public static int weightOf(int[] limits, int[] weights, int limit) {
        for (int i = 0; i < limits.length; i++) {
            if (limit <= limits[i]) {
                return weights[i];
            }
        }
        return weights[weights.length - 1];
    }

    /** Collection cycles per minute at an interval of {@code intervalSeconds} (at least one second). */
    public static double cyclesPerMinute(int intervalSeconds) {
        return 60.0 / Math.max(1, intervalSeconds);
    }

    /** A budget of {@code capacity} per {@code window}, expressed per minute. */
    public static double perMinute(double capacity, Duration window) {
        long millis = window.toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("window must be positive");
        }
        return capacity * 60_000.0 / millis;
    }

    /**
     * How often per minute a call made at most once per {@code minIntervalMillis} actually runs when
     * it is attempted once per cycle: the lesser of the cycle rate and the cache's refresh rate.
     */
    public static double cachedCallsPerMinute(double cyclesPerMinute, long minIntervalMillis) {
        return Math.min(cyclesPerMinute, 60_000.0 / Math.max(1, minIntervalMillis));
    }

    /** The first {@code maxDepth} levels (all of them when there are fewer). */
    public static double[][] truncate(double[][] levels, int maxDepth) {
        int keep = Math.max(0, maxDepth);
        return levels.length <= keep ? levels : Arrays.copyOf(levels, keep);
    }
}
