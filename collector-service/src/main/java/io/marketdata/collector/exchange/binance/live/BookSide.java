package io.marketdata.collector.exchange.binance.live;

import java.util.Arrays;

/**
 * One side of a local book: prices ascending in a primitive array with the sizes beside them, so an
 * update is a binary search plus at most one array shift, and reading the top levels allocates only
 * the result (no boxing, no tree nodes). Bids read from the top of the array, asks from the bottom.
 */
final class BookSide {

    private final boolean bids;
    private double[] prices = new double[64];
    private double[] sizes = new double[64];
    private int count;

    BookSide(boolean bids) {
        this.bids = bids;
    }

    int size() {
        return count;
    }

    void clear() {
        count = 0;
    }

    /** Sets a level to its new absolute size; 0 removes it (removing an unknown level is normal). */
    void set(double price, double size) {
        int at = Arrays.binarySearch(prices, 0, count, price);
        if (size == 0) {
            if (at >= 0) {
                System.arraycopy(prices, at + 1, prices, at, count - at - 1);
                System.arraycopy(sizes, at + 1, sizes, at, count - at - 1);
                count--;
            }
            return;
        }
        if (at >= 0) {
            sizes[at] = size;
            return;
        }
        int insert = -at - 1;
        if (count == prices.length) {
            prices = Arrays.copyOf(prices, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        System.arraycopy(prices, insert, prices, insert + 1, count - insert);
        System.arraycopy(sizes, insert, sizes, insert + 1, count - insert);
        prices[insert] = price;
        sizes[insert] = size;
        count++;
    }

    /** Replaces the side with {@code levels} ({@code [price, size]} in any order; zero sizes skipped). */
    void load(double[][] levels) {
        double[][] sorted = levels.clone();
        Arrays.sort(sorted, (a, b) -> Double.compare(a[0], b[0]));
        if (prices.length < sorted.length) {
            prices = new double[sorted.length];
            sizes = new double[sorted.length];
        }
        count = 0;
        for (double[] level : sorted) {
            if (level[1] == 0) {
                continue;
            }
            if (count > 0 && prices[count - 1] == level[0]) {
                sizes[count - 1] = level[1]; // a repeated price: the later entry wins
                continue;
            }
            prices[count] = level[0];
            sizes[count] = level[1];
            count++;
        }
    }

    /** The best {@code depth} levels as {@code [price, size]}: bids descending, asks ascending. */
    double[][] top(int depth) {
        int n = Math.min(Math.max(0, depth), count);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            int at = bids ? count - 1 - i : i;
            out[i] = new double[] {prices[at], sizes[at]};
        }
        return out;
    }
}
