package io.marketdata.orderbook.history;

/**
 * One stored time series: a book ({@code binance / futures / BTCUSDT}) or a market index
 * ({@code index / futures / TOTAL2}). {@code unified} is the book's unified symbol
 * ({@code BTC/USDT:USDT}), or the index name.
 */
public record SeriesKey(String exchange, String market, String symbol, String unified) {

    public static final String INDEX_EXCHANGE = "index";

    public static SeriesKey index(String market, String name) {
        return new SeriesKey(INDEX_EXCHANGE, market, name, name);
    }

    public boolean isIndex() {
        return INDEX_EXCHANGE.equals(exchange);
    }

    /** The base asset of a book's symbol ({@code BTC} for {@code BTC/USDT:USDT}). */
    public String base() {
        return baseOf(unified);
    }

    /** The base asset of a unified symbol; an index name stays as it is. */
    public static String baseOf(String unified) {
        int slash = unified.indexOf('/');
        return slash < 0 ? unified : unified.substring(0, slash);
    }

    /** {@code binance:futures:BTCUSDT}: how the service keys a series in memory. */
    public String id() {
        return idOf(exchange, market, symbol);
    }

    public static String idOf(String exchange, String market, String symbol) {
        return exchange + ":" + market + ":" + symbol;
    }
}
