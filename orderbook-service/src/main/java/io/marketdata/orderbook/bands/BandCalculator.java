package io.marketdata.orderbook.bands;

/**
 * Depth bands (SPEC §6.1): for each depth d, the bids priced ≥ best_bid × (1 − d/100) and the asks
 * priced ≤ best_ask × (1 + d/100) — measured from each side's best price, not the mid; thresholds
 * inclusive. One pass per side over the levels inside 30 %, no allocation.
 */
public final class BandCalculator {

    /**
     * Relative slack on the thresholds so a level exactly on a boundary stays inside despite binary
     * rounding of {@code best × (1 ± d/100)} (e.g. 100 × 0.95 is not exactly 95 in doubles).
     */
    private static final double EPSILON = 1e-12;

    private static final double[] BID_FACTOR = new double[Depths.COUNT];
    private static final double[] ASK_FACTOR = new double[Depths.COUNT];

    static {
        for (int i = 0; i < Depths.COUNT; i++) {
            BID_FACTOR[i] = (1 - Depths.PERCENT[i] / 100) * (1 - EPSILON);
            ASK_FACTOR[i] = (1 + Depths.PERCENT[i] / 100) * (1 + EPSILON);
        }
    }

    private BandCalculator() {
    }

    /**
     * Fills {@code out} from a book given as parallel price/size arrays (bids descending, asks
     * ascending, both non-empty, not crossed — the caller checks that).
     */
    public static void compute(double[] bidPx, double[] bidQty, int bidCount,
            double[] askPx, double[] askQty, int askCount, Bands out) {
        out.bestBid = bidPx[0];
        out.bestAsk = askPx[0];
        side(bidPx, bidQty, bidCount, bidPx[0], BID_FACTOR, true, out.bidVolume, out.bidValue);
        side(askPx, askQty, askCount, askPx[0], ASK_FACTOR, false, out.askVolume, out.askValue);
    }

    private static void side(double[] px, double[] qty, int count, double best, double[] factor, boolean bids,
            double[] volume, double[] value) {
        // Each level is added to the narrowest band containing it, then a prefix sum makes the bands
        // nest. The current band's sums stay in locals and are stored once per band: accumulating in
        // the arrays would chain every level to the previous one through memory (~4× slower).
        int band = 0;
        double limit = best * factor[0];
        double vol = 0;
        double val = 0;
        for (int l = 0; l < count; l++) {
            double p = px[l];
            if (bids ? p < limit : p > limit) {
                volume[band] = vol;
                value[band] = val;
                vol = 0;
                val = 0;
                band++;
                while (band < Depths.COUNT && (bids ? p < best * factor[band] : p > best * factor[band])) {
                    volume[band] = 0;
                    value[band] = 0;
                    band++;
                }
                if (band == Depths.COUNT) {
                    break;
                }
                limit = best * factor[band];
            }
            vol += qty[l];
            val += p * qty[l];
        }
        if (band < Depths.COUNT) {
            volume[band] = vol;
            value[band] = val;
            for (int b = band + 1; b < Depths.COUNT; b++) {
                volume[b] = 0;
                value[b] = 0;
            }
        }
        for (int i = 1; i < Depths.COUNT; i++) {
            volume[i] += volume[i - 1];
            value[i] += value[i - 1];
        }
    }
}
