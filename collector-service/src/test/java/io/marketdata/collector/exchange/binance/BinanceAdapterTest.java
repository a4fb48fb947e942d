package io.marketdata.collector.exchange.binance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.collector.exchange.CycleContext;
import io.marketdata.collector.exchange.Instrument;
import io.marketdata.collector.exchange.MarketStats;
import io.marketdata.collector.exchange.ScriptedVenue;
import io.marketdata.collector.exchange.TestConfigs;
import io.marketdata.collector.http.RestClient;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.contracts.market.MarketDataMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BinanceAdapterTest {

    private static final long T0 = 1730107600000L;

    private ScriptedVenue futures;
    private ScriptedVenue spot;
    private final AtomicLong clock = new AtomicLong(T0);

    @BeforeEach
    void start() {
        futures = ScriptedVenue.start()
                .route("/fapi/v1/exchangeInfo", "binance/futures-exchangeInfo.json")
                .route("/fapi/v1/ticker/bookTicker", "binance/futures-bookTicker.json")
                .route("/fapi/v1/ticker/24hr", "binance/futures-24hr.json")
                .route("/fapi/v1/premiumIndex", "binance/futures-premiumIndex.json")
                .route("/fapi/v1/depth", query -> ScriptedVenue.Answer.payload(query.contains("symbol=1000PEPEUSDT")
                        ? "binance/futures-depth-1000PEPEUSDT.json" : "binance/futures-depth-BTCUSDT.json"));
        spot = ScriptedVenue.start()
                .route("/api/v3/exchangeInfo", "binance/spot-exchangeInfo.json")
                .route("/api/v3/ticker/bookTicker", "binance/spot-bookTicker.json")
                .route("/api/v3/ticker/24hr", "binance/spot-24hr.json")
                .route("/api/v3/depth", "binance/spot-depth-BTCUSDT.json");
    }

    @AfterEach
    void stop() {
        futures.close();
        spot.close();
    }

    private CollectorConfig config(int maxDepth, String spotUrl) {
        return TestConfigs.config(5, Map.of("binance", TestConfigs.exchange(futures.baseUrl(), maxDepth,
                TestConfigs.rateLimit(2400, Duration.ofMinutes(1)), spotUrl,
                TestConfigs.rateLimit(6000, Duration.ofMinutes(1)))));
    }

    /** The client the loop would build: 2400 weight/min × 0.8 utilisation. */
    private RestClient futuresClient() {
        return futures.client("binance", 1920, Duration.ofMinutes(1));
    }

    @Test
    void fullCycleAtFiftySymbolsAsksForDepthFiftyAndAssemblesTheMessage() throws Exception {
        BinanceFuturesAdapter adapter = new BinanceFuturesAdapter(config(1000, null), clock::get);
        RestClient http = futuresClient();

        Map<UnifiedSymbol, Instrument> instruments = adapter.fetchInstruments(http);
        Instrument btc = instruments.get(UnifiedSymbol.of("BTC/USDT:USDT"));
        Map<String, MarketStats> stats = adapter.fetchCycleStats(http, List.of(btc));
        MarketDataMessage message = adapter.fetchSnapshot(http, new CycleContext(T0, 50, stats), btc);

        // 12 cycles/min; fixed = (5 + 10) × 12 + 40 × 1 = 220; 50 × 2 × 12 + 220 = 1420 ≤ 1920, 50 × 5 × 12 + 220 = 3220 > 1920
        assertTrue(futures.requests().contains("/fapi/v1/depth?symbol=BTCUSDT&limit=50"), futures.requests().toString());
        assertEquals("binance", message.exchange());
        assertEquals("futures", message.market());
        assertEquals("BTC/USDT:USDT", message.symbol());
        assertEquals(65000.10, message.ticker().bid());
        assertEquals(65000.20, message.ticker().ask());
        assertEquals(65000.10, message.ticker().last());
        assertEquals(123456.789, message.ticker().volume24h());
        assertEquals(0.0001, message.fundingRate());
        assertEquals(1730131200000L, message.nextFundingTime());
        assertEquals(65000.15, message.markPrice());
        assertEquals(1730107603100L, message.orderbook().timestamp());
        assertArrayEquals(new double[] {65000.10, 1.5}, message.orderbook().bids()[0]);
        assertArrayEquals(new double[] {65000.20, 2.3}, message.orderbook().asks()[0]);
        assertEquals("BTCUSDT", message.extra().get("native_symbol"));
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.MARKET_DATA, Json.MAPPER.valueToTree(message)));
    }

    @Test
    void fewSymbolsGetTheFullThousandLevels() throws Exception {
        BinanceFuturesAdapter adapter = new BinanceFuturesAdapter(config(1000, null), clock::get);
        Instrument btc = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTCUSDT", 1.0);

        adapter.fetchSnapshot(futuresClient(), new CycleContext(T0, 3, Map.of()), btc);

        // 3 × 20 × 12 + 220 = 940 ≤ 1920
        assertTrue(futures.requests().contains("/fapi/v1/depth?symbol=BTCUSDT&limit=1000"), futures.requests().toString());
    }

    @Test
    void configuredDepthCapsTheLimit() throws Exception {
        BinanceFuturesAdapter adapter = new BinanceFuturesAdapter(config(20, null), clock::get);
        Instrument btc = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTCUSDT", 1.0);

        MarketDataMessage message = adapter.fetchSnapshot(futuresClient(), new CycleContext(T0, 3, Map.of()), btc);

        assertTrue(futures.requests().contains("/fapi/v1/depth?symbol=BTCUSDT&limit=20"), futures.requests().toString());
        assertEquals(3, message.orderbook().bids().length);
    }

    @Test
    void dailyTickerIsFetchedAtMostOncePerMinute() throws Exception {
        BinanceFuturesAdapter adapter = new BinanceFuturesAdapter(config(1000, null), clock::get);
        RestClient http = futuresClient();
        List<Instrument> wanted = List.of(new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTCUSDT", 1.0));

        adapter.fetchCycleStats(http, wanted);
        clock.set(T0 + 5_000);
        Map<String, MarketStats> second = adapter.fetchCycleStats(http, wanted);
        clock.set(T0 + 59_999);
        adapter.fetchCycleStats(http, wanted);

        assertEquals(3, futures.count("/fapi/v1/ticker/bookTicker"));
        assertEquals(3, futures.count("/fapi/v1/premiumIndex"));
        assertEquals(1, futures.count("/fapi/v1/ticker/24hr"));
        assertEquals(65000.10, second.get("BTCUSDT").last()); // reused between refreshes

        clock.set(T0 + 60_000);
        adapter.fetchCycleStats(http, wanted);
        assertEquals(2, futures.count("/fapi/v1/ticker/24hr"));
    }

    @Test
    void symbolMissingFromPremiumIndexStillGetsItsBook() throws Exception {
        BinanceFuturesAdapter adapter = new BinanceFuturesAdapter(config(1000, null), clock::get);
        RestClient http = futuresClient();
        Instrument pepe = adapter.fetchInstruments(http).get(UnifiedSymbol.of("1000PEPE/USDT:USDT"));

        Map<String, MarketStats> stats = adapter.fetchCycleStats(http, List.of(pepe));
        MarketDataMessage message = adapter.fetchSnapshot(http, new CycleContext(T0, 1, stats), pepe);

        assertEquals("1000PEPE/USDT:USDT", message.symbol());
        assertEquals(0.0098270, message.ticker().bid());
        assertEquals(0.0098275, message.ticker().last());
        assertNull(message.fundingRate());
        assertNull(message.nextFundingTime());
        assertNull(message.markPrice());
        assertArrayEquals(new double[] {0.0098270, 2503445}, message.orderbook().bids()[0]);
    }

    @Test
    void weightsAndFixedCostMatchTheDocumentedTable() {
        assertEquals(2, BinanceFuturesAdapter.depthWeight(50));
        assertEquals(5, BinanceFuturesAdapter.depthWeight(100));
        assertEquals(10, BinanceFuturesAdapter.depthWeight(500));
        assertEquals(20, BinanceFuturesAdapter.depthWeight(1000));
        assertEquals(220.0, BinanceFuturesAdapter.fixedWeightPerMinute(12), 1e-9);
        // one cycle every 2 minutes: (5 + 10) × 0.5 + 40 × 0.5
        assertEquals(27.5, BinanceFuturesAdapter.fixedWeightPerMinute(0.5), 1e-9);
        assertEquals(5, BinanceSpotAdapter.depthWeight(100));
        assertEquals(25, BinanceSpotAdapter.depthWeight(500));
        assertEquals(50, BinanceSpotAdapter.depthWeight(1000));
        assertEquals(250, BinanceSpotAdapter.depthWeight(5000));
        assertEquals(128.0, BinanceSpotAdapter.fixedWeightPerMinute(12), 1e-9);
    }

    @Test
    void spotAdapterIsEnabledOnlyWithASpotUrl() {
        assertTrue(new BinanceSpotAdapter(config(1000, spot.baseUrl())).enabled());
        assertFalse(new BinanceSpotAdapter(config(1000, null)).enabled());
        assertFalse(new BinanceSpotAdapter(TestConfigs.config(5, Map.of())).enabled());
        assertEquals("binance-spot", new BinanceSpotAdapter(config(1000, null)).loopName());
        assertEquals("binance", new BinanceFuturesAdapter(config(1000, null)).loopName());
    }

    @Test
    void spotSnapshotHasTheSpotSymbolNoFundingAndDepthSizedToTheSpotBudget() throws Exception {
        BinanceSpotAdapter adapter = new BinanceSpotAdapter(config(1000, spot.baseUrl()), clock::get);
        RestClient http = spot.client("binance-spot", 4800, Duration.ofMinutes(1));

        Instrument btc = adapter.fetchInstruments(http).get(UnifiedSymbol.of("BTC/USDT:USDT"));
        Map<String, MarketStats> stats = adapter.fetchCycleStats(http, List.of(btc));
        MarketDataMessage message = adapter.fetchSnapshot(http, new CycleContext(T0, 50, stats), btc);

        // 4800/min; fixed = 4 × 12 + 80 = 128; 50 × 5 × 12 + 128 = 3128 ≤ 4800, 50 × 25 × 12 + 128 > 4800
        assertTrue(spot.requests().contains("/api/v3/depth?symbol=BTCUSDT&limit=100"), spot.requests().toString());
        assertEquals("spot", message.market());
        assertEquals("BTC/USDT", message.symbol());
        assertEquals(65010.00, message.ticker().bid());
        assertEquals(65010.01, message.ticker().ask());
        assertEquals(65010.00, message.ticker().last());
        assertEquals(23456.78901, message.ticker().volume24h());
        assertNull(message.fundingRate());
        assertNull(message.nextFundingTime());
        assertNull(message.markPrice());
        assertEquals(T0, message.orderbook().timestamp());
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.MARKET_DATA, Json.MAPPER.valueToTree(message)));
    }

    @Test
    void spotWithOneSymbolAndDeepCapGoesToFiveThousand() throws Exception {
        BinanceSpotAdapter adapter = new BinanceSpotAdapter(config(5000, spot.baseUrl()), clock::get);
        Instrument btc = new Instrument(new UnifiedSymbol("BTC", "USDT", null), "BTCUSDT", 1.0);

        adapter.fetchSnapshot(spot.client("binance-spot", 4800, Duration.ofMinutes(1)), new CycleContext(T0, 1, Map.of()), btc);

        // 1 × 250 × 12 + 128 = 3128 ≤ 4800
        assertTrue(spot.requests().contains("/api/v3/depth?symbol=BTCUSDT&limit=5000"), spot.requests().toString());
    }
}
