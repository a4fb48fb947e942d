package io.marketdata.orderbook.history;

import io.marketdata.orderbook.bands.Depths;

/**
 * One stored minute of one series: the last book of the minute (close volumes and USD values per
 * depth, and its mid) and the mean USD values over the minute's books ({@code samples} of them).
 * Arrays are indexed like {@link Depths#PERCENT}.
 */
public record MinutePoint(
        SeriesKey series,
        long minuteMs,
        int samples,
        double mid,
        double[] bidVolume,
        double[] askVolume,
        double[] bidValue,
        double[] askValue,
        double[] avgBidValue,
        double[] avgAskValue) {

    public static long minuteOf(long epochMs) {
        return Math.floorDiv(epochMs, 60_000L) * 60_000L;
    }

    /** An index point: USD sums only; volumes are not meaningful across assets and are stored as 0. */
    public static MinutePoint index(SeriesKey series, long minuteMs, int symbols, double[] bidValue, double[] askValue) {
        return new MinutePoint(series, minuteMs, symbols, 0, new double[Depths.COUNT], new double[Depths.COUNT],
                bidValue, askValue, bidValue, askValue);
    }
}
