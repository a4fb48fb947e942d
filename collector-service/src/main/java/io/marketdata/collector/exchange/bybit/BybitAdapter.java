package io.marketdata.collector.exchange.bybit;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.exchange.AdapterSupport;
import io.marketdata.collector.exchange.BulkStats;
import io.marketdata.collector.exchange.CycleContext;
import io.marketdata.collector.exchange.ExchangeAdapter;
import io.marketdata.collector.exchange.ExchangeException;
import io.marketdata.collector.exchange.Instrument;
import io.marketdata.collector.exchange.MarketStats;
import io.marketdata.collector.exchange.Snapshots;
import io.marketdata.collector.http.RestClient;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.market.MarketDataMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Bybit v5 USDT perpetuals ({@code category=linear}). Every request costs the same (600 requests per
 * 5 s per IP), so the book is always requested at {@code min(maxDepth, 500)}: 500 is the documented
 * maximum of {@code /v5/market/orderbook} for linear (the docs' newer page speaks of 1000 levels but
 * the parameter range still reads [1, 500], and so does the emulator). Per cycle: one all-symbols
 * {@code tickers} call (bid/ask/last/volume/funding/next funding/mark), then one book per symbol.
 */
@ApplicationScoped
public class BybitAdapter implements ExchangeAdapter {

    static final String ID = "bybit";
    static final int MAX_BOOK_LIMIT = 500;
    static final int INSTRUMENT_PAGE_SIZE = 1000;
    /** Guard against a cursor that never ends (the linear list is a few hundred entries: one page). */
    static final int MAX_INSTRUMENT_PAGES = 50;

    private final CollectorConfig config;

    @Inject
    public BybitAdapter(CollectorConfig config) {
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<UnifiedSymbol, Instrument> fetchInstruments(RestClient http) throws ExchangeException {
        Map<UnifiedSymbol, Instrument> all = new LinkedHashMap<>();
        Set<String> seenCursors = new HashSet<>();
        String cursor = null;
        for (int page = 0; page < MAX_INSTRUMENT_PAGES; page++) {
            String query = "/v5/market/instruments-info?category=linear&limit=" + INSTRUMENT_PAGE_SIZE
                    + (cursor == null ? "" : "&cursor=" + AdapterSupport.queryValue(cursor));
            BybitParser.InstrumentPage result = BybitParser.instruments(http.get("/v5/market/instruments-info", query));
            result.instruments().forEach(all::putIfAbsent);
            cursor = result.nextCursor();
            if (cursor == null || !seenCursors.add(cursor)) {
                return all;
            }
        }
        throw ExchangeException.badResponse("bybit instruments-info: more than " + MAX_INSTRUMENT_PAGES
                + " pages, the cursor does not end");
    }

    @Override
    public Map<String, MarketStats> fetchCycleStats(RestClient http, Collection<Instrument> instruments)
            throws ExchangeException {
        Map<String, MarketStats> all = BybitParser.tickers(http.get("/v5/market/tickers", "/v5/market/tickers?category=linear"));
        return BulkStats.select(all, instruments);
    }

    @Override
    public MarketDataMessage fetchSnapshot(RestClient http, CycleContext cycle, Instrument instrument)
            throws ExchangeException {
        int limit = bookLimit();
        String symbol = AdapterSupport.queryValue(instrument.nativeId());
        BybitParser.Book book = BybitParser.book(http.get("/v5/market/orderbook",
                "/v5/market/orderbook?category=linear&symbol=" + symbol + "&limit=" + limit), instrument.nativeId());
        return Snapshots.assembleTruncated(this, instrument, cycle.statsFor(instrument), book.bids(), book.asks(),
                limit, book.timestamp());
    }

    int bookLimit() {
        return AdapterSupport.bookLimit(config, ID, MAX_BOOK_LIMIT);
    }
}
