package io.marketdata.orderbook.bands;

/**
 * Liquidity of one book within each of the six depths: base volume and quote (USD) value per side,
 * indexed like {@link Depths#PERCENT}. Mutable and reused on the hot path; {@link #copy()} to keep.
 */
public final class Bands {

    public final double[] bidVolume = new double[Depths.COUNT];
    public final double[] askVolume = new double[Depths.COUNT];
    public final double[] bidValue = new double[Depths.COUNT];
    public final double[] askValue = new double[Depths.COUNT];
    public double bestBid;
    public double bestAsk;

    /** {@code bid_volume − ask_volume} at depth {@code i} (SPEC §6.2). */
    public double diff(int i) {
        return bidVolume[i] - askVolume[i];
    }

    /** {@code diff / (bid + ask) × 100}, 0 when both sides are empty. */
    public double percentage(int i) {
        return percentage(bidVolume[i], askVolume[i]);
    }

    public static double percentage(double bid, double ask) {
        double total = bid + ask;
        return total == 0 ? 0 : (bid - ask) / total * 100;
    }

    public double mid() {
        return (bestBid + bestAsk) / 2;
    }

    public double spread() {
        return bestAsk - bestBid;
    }

    /** Every volume and value finite (the sum of a book's 30 % band is the largest of them). */
    public boolean isFinite() {
        int last = Depths.COUNT - 1;
        return Double.isFinite(bidVolume[last] + askVolume[last] + bidValue[last] + askValue[last] + bestBid + bestAsk);
    }

    public Bands copy() {
        Bands c = new Bands();
        System.arraycopy(bidVolume, 0, c.bidVolume, 0, Depths.COUNT);
        System.arraycopy(askVolume, 0, c.askVolume, 0, Depths.COUNT);
        System.arraycopy(bidValue, 0, c.bidValue, 0, Depths.COUNT);
        System.arraycopy(askValue, 0, c.askValue, 0, Depths.COUNT);
        c.bestBid = bestBid;
        c.bestAsk = bestAsk;
        return c;
    }
}
