package io.marketdata.emulator.binance.stream;

import io.marketdata.emulator.market.OrderBook;
import java.util.Arrays;

/**
 * The level changes that turn one book into another, as a diff-depth event carries them: every
 * level whose quantity changed or that appeared, with its new absolute quantity, and every level
 * that disappeared, with quantity 0. Each side is in book order (bids descending, asks ascending).
 */
final class BookDiff {

    private final long[] bidPx;
    private final long[] bidQty;
    private final long[] askPx;
    private final long[] askQty;

    private BookDiff(long[][] bids, long[][] asks) {
        this.bidPx = bids[0];
        this.bidQty = bids[1];
        this.askPx = asks[0];
        this.askQty = asks[1];
    }

    /** The changes from {@code before} to {@code after} over their full depth. */
    static BookDiff between(OrderBook before, OrderBook after) {
        return new BookDiff(side(before, after, true), side(before, after, false));
    }

    int bidCount() {
        return bidPx.length;
    }

    int askCount() {
        return askPx.length;
    }

    long bidPrice(int k) {
        return bidPx[k];
    }

    long bidUnits(int k) {
        return bidQty[k];
    }

    long askPrice(int k) {
        return askPx[k];
    }

    long askUnits(int k) {
        return askQty[k];
    }

    /** A merge of two sorted sides; bids are walked by descending price, asks by ascending price. */
    private static long[][] side(OrderBook before, OrderBook after, boolean bids) {
        int nb = bids ? before.bidCount() : before.askCount();
        int na = bids ? after.bidCount() : after.askCount();
        long[] px = new long[nb + na];
        long[] qty = new long[nb + na];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < nb || j < na) {
            long pb = i < nb ? (bids ? before.bidPrice(i) : before.askPrice(i)) : 0;
            long pa = j < na ? (bids ? after.bidPrice(j) : after.askPrice(j)) : 0;
            // Which level comes first in book order: < 0 the old one, > 0 the new one, 0 the same price.
            int order;
            if (i >= nb) {
                order = 1;
            } else if (j >= na) {
                order = -1;
            } else {
                order = bids ? Long.compare(pa, pb) : Long.compare(pb, pa);
            }
            if (order < 0) {
                px[n] = pb;
                qty[n++] = 0;
                i++;
            } else if (order > 0) {
                px[n] = pa;
                qty[n++] = bids ? after.bidUnits(j) : after.askUnits(j);
                j++;
            } else {
                long qb = bids ? before.bidUnits(i) : before.askUnits(i);
                long qa = bids ? after.bidUnits(j) : after.askUnits(j);
                if (qa != qb) {
                    px[n] = pa;
                    qty[n++] = qa;
                }
                i++;
                j++;
            }
        }
        return new long[][] {Arrays.copyOf(px, n), Arrays.copyOf(qty, n)};
    }
}
