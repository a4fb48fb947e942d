package io.marketdata.collector.exchange.gateio;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.exchange.AdapterSupport;
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
import java.util.HashMap;
import java.util.Map;

/**
 * Gate USDT-settled perpetuals ({@code https://api.gateio.ws/api/v4}). Per cycle two bulk calls —
 * {@code /futures/usdt/contracts} (funding rate, next funding in seconds, mark price) and
 * {@code /futures/usdt/tickers} (bid/ask/last/base volume) — then one {@code order_book} per symbol at
 * {@code min(maxDepth, 100)}: 100 levels is the endpoint's maximum (Gate's SDK documentation gives
 * no higher bound, ccxt documents "default 10, max 100"), and every request costs the same. Gate
 * limits each endpoint to 200 requests per 10 s per IP.
 */
@ApplicationScoped
public class GateAdapter implements ExchangeAdapter {

    static final String ID = "gateio";
    static final int MAX_BOOK_LIMIT = 100;

    private final CollectorConfig config;

    @Inject
    public GateAdapter(CollectorConfig config) {
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<UnifiedSymbol, Instrument> fetchInstruments(RestClient http) throws ExchangeException {
        return GateParser.instruments(http.get("/futures/usdt/contracts"));
    }

    @Override
    public Map<String, MarketStats> fetchCycleStats(RestClient http, Collection<Instrument> instruments)
            throws ExchangeException {
        Map<String, MarketStats> contracts = GateParser.contractStats(
                http.get("/futures/usdt/contracts"));
        Map<String, MarketStats> tickers = GateParser.tickers(http.get("/futures/usdt/tickers"));
        Map<String, MarketStats> out = new HashMap<>();
        for (Instrument instrument : instruments) {
            MarketStats ticker = tickers.get(instrument.nativeId());
            MarketStats contract = contracts.get(instrument.nativeId());
            if (ticker != null || contract != null) {
                MarketStats merged = ticker == null ? contract : contract == null ? ticker : ticker.orElse(contract);
                out.put(instrument.nativeId(), merged);
            }
        }
        return out;
    }

    @Override
    public MarketDataMessage fetchSnapshot(RestClient http, CycleContext cycle, Instrument instrument)
            throws ExchangeException {
        int limit = bookLimit();
        String contract = AdapterSupport.queryValue(instrument.nativeId());
        GateParser.Book book = GateParser.book(http.get("/futures/usdt/order_book",
                "/futures/usdt/order_book?contract=" + contract + "&limit=" + limit + "&with_id=true"), instrument);
        return Snapshots.assembleTruncated(this, instrument, cycle.statsFor(instrument), book.bids(), book.asks(),
                limit, book.timestamp());
    }

    int bookLimit() {
        return AdapterSupport.bookLimit(config, ID, MAX_BOOK_LIMIT);
    }
}
