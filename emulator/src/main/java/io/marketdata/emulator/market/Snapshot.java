package io.marketdata.emulator.market;

/**
 * Everything about one instrument at one tick: the book and the quote. Immutable and cached per
 * tick, so any number of requests within a tick share one generation.
 *
 * @param updateId {@link MarketModel#updateIdAt}: monotonic in the tick; Binance {@code lastUpdateId} (and the
 *                 {@code u} of the tick's diff-depth event), Bybit {@code u}, HTX {@code version}, Gate {@code id}
 */
public record Snapshot(Instrument instrument, long tick, long updateId, OrderBook book, Quote quote) {
}
