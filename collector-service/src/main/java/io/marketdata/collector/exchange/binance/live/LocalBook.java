package io.marketdata.collector.exchange.binance.live;

/** Both sides of a locally maintained book; not thread-safe (its {@link BookSync} guards it). */
final class LocalBook {

    private final BookSide bids = new BookSide(true);
    private final BookSide asks = new BookSide(false);

    void load(double[][] snapshotBids, double[][] snapshotAsks) {
        bids.load(snapshotBids);
        asks.load(snapshotAsks);
    }

    void apply(DepthEvent event) {
        for (double[] level : event.bids()) {
            bids.set(level[0], level[1]);
        }
        for (double[] level : event.asks()) {
            asks.set(level[0], level[1]);
        }
    }

    void clear() {
        bids.clear();
        asks.clear();
    }

    double[][] bids(int depth) {
        return bids.top(depth);
    }

    double[][] asks(int depth) {
        return asks.top(depth);
    }
}
