package io.marketdata.collector.exchange;

import io.marketdata.contracts.market.MarketDataMessage;
import io.marketdata.contracts.market.OrderBook;
import io.marketdata.contracts.market.Ticker;
import java.util.LinkedHashMap;
import java.util.Map;

/** Assembles the normalized message from a book and the instrument's ticker/funding fields. */
public final class Snapshots {

    private Snapshots() {
    }

    /**
     * Best bid/ask come from the book (fetched after the bulk ticker, so fresher and never crossed
     * with it), else from the ticker; a missing last price falls back to the book's mid and says so
     * in {@code extra.last_source}.
     */
    public static MarketDataMessage assemble(String exchange, String market, Instrument instrument, MarketStats stats,
            double[][] bids, double[][] asks, long bookTimestamp, Map<String, Object> extra) throws ExchangeException {
        if (bids.length == 0 && asks.length == 0) {
            throw ExchangeException.badResponse("empty book for " + instrument.nativeId());
        }
        if (bids.length > 0 && asks.length > 0 && bids[0][0] >= asks[0][0]) {
            throw ExchangeException.badResponse("crossed book for " + instrument.nativeId() + ": bid " + bids[0][0]
                    + " >= ask " + asks[0][0]);
        }
        double bid = bids.length > 0 ? bids[0][0] : positive(stats.bid()) ? stats.bid() : Double.NaN;
        double ask = asks.length > 0 ? asks[0][0] : positive(stats.ask()) ? stats.ask() : Double.NaN;
        if (!positive(bid) || !positive(ask)) {
            throw ExchangeException.badResponse("no best bid/ask for " + instrument.nativeId());
        }
        Map<String, Object> fields = new LinkedHashMap<>(extra == null ? Map.of() : extra);
        double last;
        if (positive(stats.last())) {
            last = stats.last();
        } else {
            last = (bid + ask) / 2;
            fields.put("last_source", "mid");
        }
        fields.putIfAbsent("native_symbol", instrument.nativeId());
        return new MarketDataMessage(
                exchange,
                market,
                instrument.symbol().toString(),
                System.currentTimeMillis(),
                new Ticker(bid, ask, last, stats.volume24h()),
                new OrderBook(bids, asks, bookTimestamp),
                stats.fundingRate(),
                stats.nextFundingTime(),
                positive(stats.markPrice()) ? stats.markPrice() : null,
                fields);
    }

    /**
     * {@link #assemble} for {@code adapter}'s venue and market, without extra fields, each book side
     * cut to its first {@code depth} levels.
     */
    public static MarketDataMessage assembleTruncated(ExchangeAdapter adapter, Instrument instrument, MarketStats stats,
            double[][] bids, double[][] asks, int depth, long bookTimestamp) throws ExchangeException {
        return assemble(adapter.id(), adapter.market(), instrument, stats, DepthPlanner.truncate(bids, depth),
                DepthPlanner.truncate(asks, depth), bookTimestamp, Map.of());
    }

    private static boolean positive(Double value) {
        return value != null && value > 0 && Double.isFinite(value);
    }
}
