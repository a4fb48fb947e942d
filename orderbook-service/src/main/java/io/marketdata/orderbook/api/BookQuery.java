package io.marketdata.orderbook.api;

import io.marketdata.orderbook.history.SeriesKey;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The query parameters every history route of one book shares: which book ({@code exchange},
 * {@code marketType} — the seed's name — or {@code market}, {@code symbol}), the range and the format.
 */
public class BookQuery {

    @QueryParam("exchange")
    @DefaultValue("binance")
    String exchange;
    @QueryParam("marketType")
    String marketType;
    @QueryParam("market")
    String market;
    @QueryParam("symbol")
    String symbol;
    @QueryParam("from")
    String from;
    @QueryParam("to")
    String to;
    @QueryParam("format")
    String format;

    SeriesKey book() {
        return Params.book(exchange, marketType, market, symbol);
    }

    boolean csv() {
        return Params.csv(format);
    }
}
