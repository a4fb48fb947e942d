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
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Binance spot ({@code https://api.binance.com}) beside the perpetuals: the configured
 * {@code BTC/USDT:USDT} is collected as spot {@code BTC/USDT}. Enabled only when
 * {@code collector.exchanges.binance.spot-rest-url} is set; it gets its own RestClient and budget
 * ({@code spot-rate-limit}, 6000 weight/min). Per cycle: all-symbols {@code bookTicker} (weight 4),
 * {@code ticker/24hr} (80) at most once a minute, one {@code depth} per symbol sized by
 * {@link DepthPlanner}. Spot messages carry no funding fields.
 */
@ApplicationScoped
public class BinanceSpotAdapter implements ExchangeAdapter {

    static final String ID = "binance";
    static final int[] DEPTH_LIMITS = {5, 10, 20, 50, 100, 500, 1000, 5000};
    static final int[] DEPTH_WEIGHTS = {5, 5, 5, 5, 5, 25, 50, 250};
    static final int EXCHANGE_INFO_WEIGHT = 20;
    static final int BOOK_TICKER_WEIGHT = 4;
    static final int TICKER_24H_WEIGHT = 80;
    static final long TICKER_24H_MIN_INTERVAL_MS = 60_000;

    private final CollectorConfig config;
    private final ThrottledBulk daily;
    private final LongSupplier clock;

    @Inject
    public BinanceSpotAdapter(CollectorConfig config) {
        this(config, System::currentTimeMillis);
    }

    BinanceSpotAdapter(CollectorConfig config, LongSupplier clock) {
        this.config = config;
        this.clock = clock;
        this.daily = new ThrottledBulk(TICKER_24H_MIN_INTERVAL_MS, clock);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String market() {
        return "spot";
    }

    /** True when Binance is configured with a spot REST URL; without one spot is not collected. */
    public boolean enabled() {
        CollectorConfig.Exchange exchange = config.exchanges().get(ID);
        return exchange != null && exchange.enabled() && exchange.spotRestUrl().filter(url -> !url.isBlank()).isPresent();
    }

    @Override
    public Map<UnifiedSymbol, Instrument> fetchInstruments(RestClient http) throws ExchangeException {
        return BinanceParser.spotInstruments(http.get("/api/v3/exchangeInfo", "/api/v3/exchangeInfo", EXCHANGE_INFO_WEIGHT));
    }

    @Override
    public Map<String, MarketStats> fetchCycleStats(RestClient http, Collection<Instrument> instruments)
            throws ExchangeException {
        Map<String, MarketStats> books = BinanceParser.bookTickers(
                http.get("/api/v3/ticker/bookTicker", "/api/v3/ticker/bookTicker", BOOK_TICKER_WEIGHT));
        Map<String, MarketStats> day = daily.get(() -> BinanceParser.dailyTickers(
                http.get("/api/v3/ticker/24hr", "/api/v3/ticker/24hr", TICKER_24H_WEIGHT)));
        return BinanceParser.combine(BinanceFuturesAdapter.nativeIds(instruments), books, day);
    }

    @Override
    public MarketDataMessage fetchSnapshot(RestClient http, CycleContext cycle, Instrument instrument)
            throws ExchangeException {
        int limit = depthLimit(http, cycle.instrumentCount());
        String symbol = AdapterSupport.queryValue(instrument.nativeId());
        JsonNode body = http.get("/api/v3/depth", "/api/v3/depth?symbol=" + symbol + "&limit=" + limit,
                depthWeight(limit));
        // the spot depth answer has no time field: the book is as of its receipt
        BinanceParser.Book book = BinanceParser.spotBook(body, instrument.nativeId(), clock.getAsLong());
        MarketStats ticker = cycle.statsFor(instrument);
        MarketStats spot = new MarketStats(ticker.bid(), ticker.ask(), ticker.last(), ticker.volume24h(), null, null, null);
        return Snapshots.assembleTruncated(this, instrument, spot, book.bids(), book.asks(), exchange().maxDepth(),
                book.timestamp());
    }

    /** The deepest limit whose weight fits the spot budget (its own bucket, usually 6000/min × utilisation). */
    int depthLimit(RestClient http, int instruments) {
        CollectorConfig.Exchange exchange = exchange();
        Duration window = exchange.spotRateLimit().orElse(exchange.rateLimit()).window();
        double cycles = DepthPlanner.cyclesPerMinute(config.intervalSeconds());
        double budget = DepthPlanner.perMinute(http.budget().capacity(), window);
        return DepthPlanner.choose(DEPTH_LIMITS, DEPTH_WEIGHTS, budget, fixedWeightPerMinute(cycles), instruments,
                cycles, exchange.maxDepth());
    }

    static double fixedWeightPerMinute(double cyclesPerMinute) {
        return BOOK_TICKER_WEIGHT * cyclesPerMinute
                + TICKER_24H_WEIGHT * DepthPlanner.cachedCallsPerMinute(cyclesPerMinute, TICKER_24H_MIN_INTERVAL_MS);
    }

    /** Spot depth weight by limit: 5 up to 100, 25 up to 500, 50 up to 1000, 250 up to 5000. */
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
}
