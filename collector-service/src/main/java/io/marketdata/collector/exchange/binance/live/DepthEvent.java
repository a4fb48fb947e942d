package io.marketdata.collector.exchange.binance.live;

/**
 * One {@code depthUpdate} of Binance's diff-depth stream. Level changes are {@code [price, quantity]}
 * pairs whose quantity is the level's new absolute size in base units (0 deletes the level).
 *
 * @param symbol        native id, e.g. {@code BTCUSDT}
 * @param eventTime     {@code E}, epoch ms
 * @param firstUpdateId {@code U}
 * @param finalUpdateId {@code u}
 * @param previousFinalUpdateId {@code pu} (futures only; {@link #NO_PREVIOUS} on spot)
 */
public record DepthEvent(String symbol, long eventTime, long firstUpdateId, long finalUpdateId,
        long previousFinalUpdateId, double[][] bids, double[][] asks) {

    /** {@link #previousFinalUpdateId()} of a spot event, which has no {@code pu}. */
    public static final long NO_PREVIOUS = Long.MIN_VALUE;
}
