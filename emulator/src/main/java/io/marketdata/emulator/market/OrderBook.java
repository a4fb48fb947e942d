package io.marketdata.emulator.market;

import java.util.Arrays;

/**
 * An immutable two-sided book: prices in integer ticks of the instrument, sizes in integer units
 * (lots, or contracts on HTX/Gate). Bids are strictly descending, asks strictly ascending, and the
 * best bid is strictly below the best ask.
 */
public final class OrderBook {

    private final long[] bidPx;
    private final long[] bidQty;
    private final long[] askPx;
    private final long[] askQty;

    public OrderBook(long[] bidPx, long[] bidQty, long[] askPx, long[] askQty) {
        if (bidPx.length != bidQty.length || askPx.length != askQty.length) {
            throw new IllegalArgumentException("price/size arrays differ in length");
        }
        this.bidPx = bidPx;
        this.bidQty = bidQty;
        this.askPx = askPx;
        this.askQty = askQty;
    }

    public int bidCount() {
        return bidPx.length;
    }

    public int askCount() {
        return askPx.length;
    }

    public long bidPrice(int i) {
        return bidPx[i];
    }

    public long bidUnits(int i) {
        return bidQty[i];
    }

    public long askPrice(int i) {
        return askPx[i];
    }

    public long askUnits(int i) {
        return askQty[i];
    }

    public long bestBid() {
        return bidPx[0];
    }

    public long bestAsk() {
        return askPx[0];
    }

    public long bestBidUnits() {
        return bidQty[0];
    }

    public long bestAskUnits() {
        return askQty[0];
    }

    /**
     * Merges levels into price buckets of {@code bucketTicks} ticks (bids rounded down, asks up),
     * summing sizes — what "precision"/"step"/"interval" parameters of the venues do.
     */
    public OrderBook aggregate(long bucketTicks) {
        if (bucketTicks <= 1) {
            return this;
        }
        long[][] bids = merge(bidPx, bidQty, bucketTicks, false);
        long[][] asks = merge(askPx, askQty, bucketTicks, true);
        return new OrderBook(bids[0], bids[1], asks[0], asks[1]);
    }

    private static long[][] merge(long[] px, long[] qty, long bucket, boolean up) {
        long[] outPx = new long[px.length];
        long[] outQty = new long[px.length];
        int n = 0;
        for (int i = 0; i < px.length; i++) {
            long b = up ? Math.floorDiv(px[i] + bucket - 1, bucket) * bucket : Math.floorDiv(px[i], bucket) * bucket;
            if (n > 0 && outPx[n - 1] == b) {
                outQty[n - 1] += qty[i];
            } else {
                outPx[n] = b;
                outQty[n] = qty[i];
                n++;
            }
        }
        return new long[][] {Arrays.copyOf(outPx, n), Arrays.copyOf(outQty, n)};
    }
}
