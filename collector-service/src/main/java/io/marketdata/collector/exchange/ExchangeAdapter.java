package io.marketdata.collector.exchange;

import io.marketdata.collector.http.RestClient;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.market.MarketDataMessage;
import java.util.Collection;
import java.util.Map;

/**
 * One venue's public REST API. Implementations are stateless CDI beans: the collection loop owns
 * the {@link RestClient} (retries, Retry-After, rate budget, metrics) and the schedule.
 */
public interface ExchangeAdapter {

    /** The venue id used in configuration and routing keys: binance, bybit, bitget, htx, gateio. */
    String id();

    /** The market this adapter collects: {@code futures} or {@code spot}. */
    default String market() {
        return "futures";
    }

    /** Name of this adapter's loop in logs, metrics and statistics: {@code binance}, {@code binance-spot}. */
    default String loopName() {
        return "spot".equals(market()) ? id() + "-spot" : id();
    }

    /**
     * The instruments this adapter can collect, keyed by the unified <em>perpetual</em> symbol of the
     * configured set they serve ({@code BTC/USDT:USDT}); a spot adapter maps it to its spot pair,
     * whose own symbol ({@code BTC/USDT}) is in {@link Instrument#symbol()}.
     */
    Map<UnifiedSymbol, Instrument> fetchInstruments(RestClient http) throws ExchangeException;

    /**
     * Ticker and funding data for the cycle, fetched with bulk endpoints where the venue has them,
     * keyed by native id. Instruments missing from the answer simply get no entry.
     */
    Map<String, MarketStats> fetchCycleStats(RestClient http, Collection<Instrument> instruments)
            throws ExchangeException;

    /**
     * The book (at the deepest limit the rate budget allows) and any per-instrument data the bulk
     * call lacked, assembled into the normalized message.
     */
    MarketDataMessage fetchSnapshot(RestClient http, CycleContext cycle, Instrument instrument)
            throws ExchangeException;
}
