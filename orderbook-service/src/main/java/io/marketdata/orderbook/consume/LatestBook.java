package io.marketdata.orderbook.consume;

import io.marketdata.orderbook.bands.Bands;
import io.marketdata.orderbook.history.SeriesKey;

/** The latest analysed book of one series: what {@code depth.*} messages and the hot cache carry. */
public record LatestBook(
        SeriesKey series,
        long timestamp,
        long bookTimestamp,
        Bands bands,
        double[][] topBids,
        double[][] topAsks,
        int bidLevels,
        int askLevels,
        String correlationId) {
}
