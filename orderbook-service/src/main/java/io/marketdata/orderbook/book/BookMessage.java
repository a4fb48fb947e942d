package io.marketdata.orderbook.book;

import io.marketdata.contracts.MarketType;
import io.marketdata.orderbook.history.SeriesKey;

/**
 * The parts of a {@code futures_data} message the order-book analytics need: identity, times and
 * the book as parallel primitive arrays (bids descending, asks ascending, sizes in base units).
 */
public final class BookMessage {

    public String exchange;
    public MarketType market;
    /** Unified form: {@code BTC/USDT:USDT}. */
    public String symbol;
    /** Routing form: {@code BTCUSDT}. */
    public String routingSymbol;
    /** Collection time, epoch ms: what the minute history is bucketed by. */
    public long timestamp;
    /** Exchange book time, epoch ms. */
    public long bookTimestamp;
    public double[] bidPx = new double[128];
    public double[] bidQty = new double[128];
    public int bidCount;
    public double[] askPx = new double[128];
    public double[] askQty = new double[128];
    public int askCount;

    /** {@code binance:futures:BTCUSDT}: identifies the book across the service. */
    public String bookKey() {
        return SeriesKey.idOf(exchange, market.wireName(), routingSymbol);
    }

    void addBid(double price, double size) {
        if (bidCount == bidPx.length) {
            bidPx = java.util.Arrays.copyOf(bidPx, bidCount * 2);
            bidQty = java.util.Arrays.copyOf(bidQty, bidCount * 2);
        }
        bidPx[bidCount] = price;
        bidQty[bidCount++] = size;
    }

    void addAsk(double price, double size) {
        if (askCount == askPx.length) {
            askPx = java.util.Arrays.copyOf(askPx, askCount * 2);
            askQty = java.util.Arrays.copyOf(askQty, askCount * 2);
        }
        askPx[askCount] = price;
        askQty[askCount++] = size;
    }

    void reset() {
        exchange = null;
        market = null;
        symbol = null;
        routingSymbol = null;
        timestamp = 0;
        bookTimestamp = 0;
        bidCount = 0;
        askCount = 0;
    }
}
