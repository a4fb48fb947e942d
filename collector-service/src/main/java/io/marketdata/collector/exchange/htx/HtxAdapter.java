package io.marketdata.collector.exchange.htx;

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
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * HTX USDT-margined swaps ({@code https://api.hbdm.com}). The only bulk call used is
 * {@code swap_batch_funding_rate} (rate + upcoming settlement for every contract); per symbol the
 * {@code step0} depth (≤ 150 levels, the endpoint's maximum; no depth parameter, trimmed to
 * {@code maxDepth}), {@code detail/merged} (best bid/ask, last, 24 h base volume) and the 1-minute
 * mark-price candle. Market data allows 800 requests/s per IP, so three calls per symbol are cheap.
 * The ticker and mark price are secondary to the book: when one of them fails, the snapshot is still
 * published (bid/ask/last then come from the book) and the failure is logged.
 */
@ApplicationScoped
public class HtxAdapter implements ExchangeAdapter {

    private static final Logger LOG = Logger.getLogger(HtxAdapter.class);

    static final String ID = "htx";
    /** Levels per side of {@code type=step0}. */
    static final int MAX_BOOK_LEVELS = 150;

    private final CollectorConfig config;

    @Inject
    public HtxAdapter(CollectorConfig config) {
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<UnifiedSymbol, Instrument> fetchInstruments(RestClient http) throws ExchangeException {
        return HtxParser.instruments(http.get("/linear-swap-api/v1/swap_contract_info"));
    }

    @Override
    public Map<String, MarketStats> fetchCycleStats(RestClient http, Collection<Instrument> instruments)
            throws ExchangeException {
        Map<String, MarketStats> all = HtxParser.funding(http.get("/linear-swap-api/v1/swap_batch_funding_rate"));
        return BulkStats.select(all, instruments);
    }

    @Override
    public MarketDataMessage fetchSnapshot(RestClient http, CycleContext cycle, Instrument instrument)
            throws ExchangeException {
        String code = AdapterSupport.queryValue(instrument.nativeId());
        HtxParser.Book book = HtxParser.book(http.get("/linear-swap-ex/market/depth",
                "/linear-swap-ex/market/depth?contract_code=" + code + "&type=step0"), instrument);
        MarketStats ticker = MarketStats.EMPTY;
        try {
            ticker = HtxParser.ticker(http.get("/linear-swap-ex/market/detail/merged",
                    "/linear-swap-ex/market/detail/merged?contract_code=" + code), instrument.nativeId());
        } catch (ExchangeException e) {
            secondaryFailed(instrument, "ticker", e);
        }
        Double mark = null;
        try {
            mark = HtxParser.markPrice(http.get("/index/market/history/linear_swap_mark_price_kline",
                    "/index/market/history/linear_swap_mark_price_kline?contract_code=" + code + "&period=1min&size=1"),
                    instrument.nativeId());
        } catch (ExchangeException e) {
            secondaryFailed(instrument, "mark price", e);
        }
        MarketStats stats = ticker.orElse(cycle.statsFor(instrument))
                .orElse(new MarketStats(null, null, null, null, null, null, mark));
        int depth = Math.min(AdapterSupport.configuredDepth(config, ID, MAX_BOOK_LEVELS), MAX_BOOK_LEVELS);
        return Snapshots.assembleTruncated(this, instrument, stats, book.bids(), book.asks(), depth, book.timestamp());
    }

    private static void secondaryFailed(Instrument instrument, String what, ExchangeException e) throws ExchangeException {
        if (Thread.currentThread().isInterrupted()) {
            throw e;
        }
        LOG.warnf("[%s] %s %s unavailable this cycle: %s", ID, instrument.nativeId(), what, e.getMessage());
    }
}
