package io.marketdata.contracts.market;

/**
 * Price levels as {@code [price, size]} pairs: bids by price descending, asks ascending, sizes in
 * base units; {@code timestamp} is the exchange's book time in epoch ms.
 */
public record OrderBook(double[][] bids, double[][] asks, long timestamp) {

    public double bestBid() {
        return bids.length == 0 ? Double.NaN : bids[0][0];
    }

    public double bestAsk() {
        return asks.length == 0 ? Double.NaN : asks[0][0];
    }
}
