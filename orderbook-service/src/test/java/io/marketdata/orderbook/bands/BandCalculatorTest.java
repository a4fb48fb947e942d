package io.marketdata.orderbook.bands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BandCalculatorTest {

    private static final double TOLERANCE = 1e-9;

    /**
     * Best bid 100, best ask 101 (mid 100.5). Each band has a level exactly on its threshold, which
     * must count (inclusive), and one level sits just beyond 30 %, which must not.
     */
    private static Bands reference() {
        double[][] bids = {{100, 1}, {99, 2}, {98.5, 1}, {97, 3}, {95, 1}, {92, 1}, {85, 2}, {70, 1}, {69.99, 5}};
        double[][] asks = {{101, 1}, {102.515, 2}, {104.03, 1}, {106.05, 1}, {109.08, 1}, {116.15, 1}, {131.3, 1},
            {131.31, 9}};
        return compute(bids, asks);
    }

    static Bands compute(double[][] bids, double[][] asks) {
        Bands out = new Bands();
        BandCalculator.compute(column(bids, 0), column(bids, 1), bids.length, column(asks, 0), column(asks, 1), asks.length, out);
        return out;
    }

    private static double[] column(double[][] levels, int c) {
        double[] out = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            out[i] = levels[i][c];
        }
        return out;
    }

    @Test
    void volumesPerDepthIncludeLevelsExactlyOnTheThreshold() {
        Bands b = reference();
        assertArrayEquals(new double[] {4, 7, 8, 9, 11, 12}, b.bidVolume, TOLERANCE);
        assertArrayEquals(new double[] {3, 4, 5, 6, 7, 8}, b.askVolume, TOLERANCE);
    }

    @Test
    void usdValueIsTheSumOfPriceTimesSize() {
        Bands b = reference();
        // 100·1 + 99·2 + 98.5·1 = 396.5, then + 97·3, + 95, + 92, + 85·2, + 70
        assertArrayEquals(new double[] {396.5, 687.5, 782.5, 874.5, 1044.5, 1114.5}, b.bidValue, TOLERANCE);
        // 101 + 102.515·2 = 306.03, then + 104.03, + 106.05, + 109.08, + 116.15, + 131.3
        assertArrayEquals(new double[] {306.03, 410.06, 516.11, 625.19, 741.34, 872.64}, b.askValue, 1e-6);
    }

    @Test
    void bandsAreMeasuredFromTheBestPricesNotTheMid() {
        Bands b = reference();
        // from the mid (100.5) the 1.5 % bid threshold would be 98.9925 and leave out the level at 98.5
        assertEquals(4, b.bidVolume[0], TOLERANCE);
        // from the mid the 1.5 % ask threshold would be 102.0075 and leave out 102.515
        assertEquals(3, b.askVolume[0], TOLERANCE);
        assertEquals(100, b.bestBid);
        assertEquals(101, b.bestAsk);
        assertEquals(100.5, b.mid());
        assertEquals(1, b.spread());
    }

    @Test
    void diffAndPercentage() {
        Bands b = reference();
        assertEquals(1, b.diff(0), TOLERANCE);
        assertEquals(100.0 / 7, b.percentage(0), TOLERANCE);
        assertEquals(4, b.diff(5), TOLERANCE);
        assertEquals(20, b.percentage(5), TOLERANCE);
    }

    @Test
    void percentageIsZeroWhenBothSidesAreEmptyAndBoundedOtherwise() {
        assertEquals(0, Bands.percentage(0, 0));
        assertEquals(100, Bands.percentage(5, 0));
        assertEquals(-100, Bands.percentage(0, 5));
    }

    @Test
    void aBookWithOneLevelPerSideHasEqualBandsAtEveryDepth() {
        Bands b = compute(new double[][] {{50, 2}}, new double[][] {{51, 3}});
        for (int i = 0; i < Depths.COUNT; i++) {
            assertEquals(2, b.bidVolume[i]);
            assertEquals(100, b.bidValue[i]);
            assertEquals(3, b.askVolume[i]);
            assertEquals(153, b.askValue[i]);
            assertEquals(-20, b.percentage(i), TOLERANCE);
        }
    }

    @Test
    void levelsBeyondThirtyPercentAreIgnored() {
        Bands b = compute(new double[][] {{100, 1}, {60, 100}}, new double[][] {{101, 1}, {200, 100}});
        assertEquals(1, b.bidVolume[5]);
        assertEquals(1, b.askVolume[5]);
    }
}
