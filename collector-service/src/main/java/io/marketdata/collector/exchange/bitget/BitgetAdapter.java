package io.marketdata.collector.exchange.bitget;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Bitget v2 USDT-M perpetuals. Per cycle: one all-symbols {@code tickers} call; per symbol the
 * {@code merge-depth} book ({@code precision=scale0}, unmerged, {@code limit=max}, the deepest the
 * endpoint gives) and, only when its cached value has expired, {@code current-fund-rate} for the next
 * funding time the tickers lack — cached until that time passes, so it costs one request per symbol
 * per funding interval. Bitget limits each endpoint separately (20 requests/s per IP).
 */
@ApplicationScoped
public class BitgetAdapter implements ExchangeAdapter {

    private static final Logger LOG = Logger.getLogger(BitgetAdapter.class);

    static final String ID = "bitget";
    static final String PRODUCT_TYPE = "USDT-FUTURES";
    /** The fixed depth gears of merge-depth below {@code max}. */
    static final int[] LIMIT_GEARS = {1, 5, 15, 50};
    /** How long a funding answer without a usable {@code nextUpdate} is kept. */
    static final long FUNDING_FALLBACK_TTL_MS = 60_000;
    /** The depth collected when {@code collector.exchanges.bitget} is not configured. */
    static final int DEFAULT_MAX_DEPTH = 1000;

    private final CollectorConfig config;
    private final LongSupplier clock;
    private final Map<String, CachedFunding> funding = new ConcurrentHashMap<>();

    private record CachedFunding(BitgetParser.Funding value, long validUntil) {
    }

    @Inject
    public BitgetAdapter(CollectorConfig config) {
        this(config, System::currentTimeMillis);
    }

    BitgetAdapter(CollectorConfig config, LongSupplier clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<UnifiedSymbol, Instrument> fetchInstruments(RestClient http) throws ExchangeException {
        return BitgetParser.instruments(http.get("/api/v2/mix/market/contracts",
                "/api/v2/mix/market/contracts?productType=" + PRODUCT_TYPE));
    }

    @Override
    public Map<String, MarketStats> fetchCycleStats(RestClient http, Collection<Instrument> instruments)
            throws ExchangeException {
        Map<String, MarketStats> all = BitgetParser.tickers(http.get("/api/v2/mix/market/tickers",
                "/api/v2/mix/market/tickers?productType=" + PRODUCT_TYPE));
        return BulkStats.select(all, instruments);
    }

    @Override
    public MarketDataMessage fetchSnapshot(RestClient http, CycleContext cycle, Instrument instrument)
            throws ExchangeException {
        String symbol = AdapterSupport.queryValue(instrument.nativeId());
        int maxDepth = AdapterSupport.configuredDepth(config, ID, DEFAULT_MAX_DEPTH);
        BitgetParser.Book book = BitgetParser.book(http.get("/api/v2/mix/market/merge-depth",
                "/api/v2/mix/market/merge-depth?symbol=" + symbol + "&productType=" + PRODUCT_TYPE
                        + "&precision=scale0&limit=" + limitParameter(maxDepth)),
                instrument.nativeId());
        MarketStats stats = cycle.statsFor(instrument);
        BitgetParser.Funding rate = funding(http, instrument, stats.fundingRate() == null);
        if (rate != null) {
            stats = stats.orElse(new MarketStats(null, null, null, null, rate.rate(), rate.nextUpdate(), null));
        }
        return Snapshots.assembleTruncated(this, instrument, stats, book.bids(), book.asks(), maxDepth,
                book.timestamp());
    }

    /**
     * The symbol's funding, from the cache while its {@code nextUpdate} is in the future; fetched when
     * expired or when the tickers lacked the rate ({@code fresh}). Funding is secondary to the book: a
     * failed call leaves the fields empty for this cycle instead of dropping the snapshot.
     */
    BitgetParser.Funding funding(RestClient http, Instrument instrument, boolean fresh) throws ExchangeException {
        long now = clock.getAsLong();
        CachedFunding cached = funding.get(instrument.nativeId());
        if (!fresh && cached != null && now < cached.validUntil()) {
            return new BitgetParser.Funding(null, cached.value().nextUpdate());
        }
        String symbol = AdapterSupport.queryValue(instrument.nativeId());
        try {
            BitgetParser.Funding value = BitgetParser.funding(http.get("/api/v2/mix/market/current-fund-rate",
                    "/api/v2/mix/market/current-fund-rate?symbol=" + symbol + "&productType=" + PRODUCT_TYPE),
                    instrument.nativeId());
            long validUntil = value.nextUpdate() != null && value.nextUpdate() > now ? value.nextUpdate()
                    : now + FUNDING_FALLBACK_TTL_MS;
            funding.put(instrument.nativeId(), new CachedFunding(value, validUntil));
            return value;
        } catch (ExchangeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            LOG.warnf("[%s] %s funding time unavailable this cycle: %s", ID, instrument.nativeId(), e.getMessage());
            Long next = cached == null ? null : cached.value().nextUpdate();
            return next != null && next > now ? new BitgetParser.Funding(null, next) : null;
        }
    }

    /**
     * The smallest fixed gear that covers the configured depth (the answer is then trimmed to it), or
     * {@code max} when the depth exceeds the largest gear.
     */
    static String limitParameter(int maxDepth) {
        for (int gear : LIMIT_GEARS) {
            if (gear >= maxDepth) {
                return Integer.toString(gear);
            }
        }
        return "max";
    }
}
