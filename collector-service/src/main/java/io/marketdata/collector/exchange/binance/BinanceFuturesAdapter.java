package io.marketdata.collector.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.exchange.AdapterSupport;
import io.marketdata.collector.exchange.CycleContext;
import io.marketdata.collector.exchange.DepthPlanner;
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
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Binance USD-M perpetuals over REST ({@code https://fapi.binance.com}). Per cycle: all-symbols
 * {@code bookTicker} (weight 5) and {@code premiumIndex} (10), {@code ticker/24hr} (40) at most once a
 * minute, then one {@code depth} per symbol whose limit {@link DepthPlanner} sizes so the whole
 * minute stays inside the weight budget (2400/min × utilisation).
 */
@ApplicationScoped
public class BinanceFuturesAdapter implements ExchangeAdapter {

    static final String ID = "binance";
    static final int[] DEPTH_LIMITS = {5, 10, 20, 50, 100, 500, 1000};
    static final int[] DEPTH_WEIGHTS = {2, 2, 2, 2, 5, 10, 20};
    static final int EXCHANGE_INFO_WEIGHT = 1;
    static final int BOOK_TICKER_WEIGHT = 5;
    static final int PREMIUM_INDEX_WEIGHT = 10;
    static final int TICKER_24H_WEIGHT = 40;
    static final long TICKER_24H_MIN_INTERVAL_MS = 60_000;

    private final CollectorConfig config;
    private final ThrottledBulk daily;

    @Inject
    public BinanceFuturesAdapter(CollectorConfig config) {
        this(config, System::currentTimeMillis);
    }

    BinanceFuturesAdapter(CollectorConfig config, LongSupplier clock) {
        this.config = config;
        this.daily = new ThrottledBulk(TICKER_24H_MIN_INTERVAL_MS, clock);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<UnifiedSymbol, Instrument> fetchInstruments(RestClient http) throws ExchangeException {
        return BinanceParser.futuresInstruments(
                http.get("/fapi/v1/exchangeInfo", "/fapi/v1/exchangeInfo", EXCHANGE_INFO_WEIGHT));
    }

    @Override
    public Map<String, MarketStats> fetchCycleStats(RestClient http, Collection<Instrument> instruments)
            throws ExchangeException {
        Map<String, MarketStats> books = BinanceParser.bookTickers(
                http.get("/fapi/v1/ticker/bookTicker", "/fapi/v1/ticker/bookTicker", BOOK_TICKER_WEIGHT));
        Map<String, MarketStats> funding = BinanceParser.premiumIndex(
                http.get("/fapi/v1/premiumIndex", "/fapi/v1/premiumIndex", PREMIUM_INDEX_WEIGHT));
        Map<String, MarketStats> day = daily.get(() -> BinanceParser.dailyTickers(
                http.get("/fapi/v1/ticker/24hr", "/fapi/v1/ticker/24hr", TICKER_24H_WEIGHT)));
        return BinanceParser.combine(nativeIds(instruments), books, day, funding);
    }

    @Override
    public MarketDataMessage fetchSnapshot(RestClient http, CycleContext cycle, Instrument instrument)
            throws ExchangeException {
        int limit = depthLimit(http, cycle.instrumentCount());
        String symbol = AdapterSupport.queryValue(instrument.nativeId());
        JsonNode body = http.get("/fapi/v1/depth", "/fapi/v1/depth?symbol=" + symbol + "&limit=" + limit,
                depthWeight(limit));
        BinanceParser.Book book = BinanceParser.futuresBook(body, instrument.nativeId());
        return Snapshots.assembleTruncated(this, instrument, cycle.statsFor(instrument), book.bids(), book.asks(),
                exchange().maxDepth(), book.timestamp());
    }

    /**
     * The deepest limit whose weight fits: budget = the client's bucket capacity (already × utilisation)
     * per configured window; fixed = bookTicker + premiumIndex every cycle plus ticker/24hr at most
     * once a minute.
     */
    int depthLimit(RestClient http, int instruments) {
        CollectorConfig.Exchange exchange = exchange();
        double cycles = DepthPlanner.cyclesPerMinute(config.intervalSeconds());
        double budget = DepthPlanner.perMinute(http.budget().capacity(), exchange.rateLimit().window());
        return DepthPlanner.choose(DEPTH_LIMITS, DEPTH_WEIGHTS, budget, fixedWeightPerMinute(cycles), instruments,
                cycles, exchange.maxDepth());
    }

    static double fixedWeightPerMinute(double cyclesPerMinute) {
        return (BOOK_TICKER_WEIGHT + PREMIUM_INDEX_WEIGHT) * cyclesPerMinute
                + TICKER_24H_WEIGHT * DepthPlanner.cachedCallsPerMinute(cyclesPerMinute, TICKER_24H_MIN_INTERVAL_MS);
    }

    public static int depthWeight(int limit) {
        return DepthPlanner.weightOf(DEPTH_LIMITS, DEPTH_WEIGHTS, limit);
    }

    /** The deepest {@code depth} limit the endpoint accepts up to {@code depth} (the smallest when none is). */
    public static int depthLimitAtMost(int depth) {
        return DepthPlanner.choose(DEPTH_LIMITS, DEPTH_WEIGHTS, Double.MAX_VALUE, 0, 0, 0, depth);
    }

    private CollectorConfig.Exchange exchange() {
        return AdapterSupport.exchange(config, ID);
    }

    static Set<String> nativeIds(Collection<Instrument> instruments) {
        Set<String> ids = new HashSet<>();
        for (Instrument instrument : instruments) {
            ids.add(instrument.nativeId());
        }
        return ids;
    }
}
