package io.marketdata.collector.exchange.bitget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class BitgetAdapterTest {

    private static final long T0 = 1730107603000L;
    private static final String FUNDING = "/api/v2/mix/market/current-fund-rate";

    private final AtomicLong clock = new AtomicLong(T0);
    private ScriptedVenue venue;
    private RestClient http;
    private final Instrument btc = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTCUSDT", 1.0);
    private final Instrument pepe = new Instrument(UnifiedSymbol.of("PEPE/USDT:USDT"), "PEPEUSDT", 1.0);

    @BeforeEach
    void start() {
        venue = ScriptedVenue.start()
                .route("/api/v2/mix/market/contracts", "bitget/contracts.json")
                .route("/api/v2/mix/market/tickers", "bitget/tickers.json")
                .route(FUNDING, query -> ScriptedVenue.Answer.payload(query.contains("symbol=PEPEUSDT")
                        ? "bitget/current-fund-rate-PEPEUSDT.json" : "bitget/current-fund-rate-BTCUSDT.json"))
                .route("/api/v2/mix/market/merge-depth", query -> ScriptedVenue.Answer.payload(query.contains("symbol=PEPEUSDT")
                        ? "bitget/merge-depth-PEPEUSDT.json" : "bitget/merge-depth-BTCUSDT.json"));
        http = venue.client("bitget", 16, Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        venue.close();
    }

    private BitgetAdapter adapter(int maxDepth) {
        return new BitgetAdapter(TestConfigs.config(5, Map.of("bitget",
                TestConfigs.exchange(venue.baseUrl(), maxDepth, TestConfigs.rateLimit(20, Duration.ofSeconds(1))))), clock::get);
    }

    @Test
    void snapshotCombinesTickerBookAndNextFundingTime() throws Exception {
        BitgetAdapter adapter = adapter(1000);
        Map<UnifiedSymbol, Instrument> instruments = adapter.fetchInstruments(http);
        Instrument listed = instruments.get(UnifiedSymbol.of("BTC/USDT:USDT"));

        Map<String, MarketStats> stats = adapter.fetchCycleStats(http, List.of(listed));
        MarketDataMessage message = adapter.fetchSnapshot(http, new CycleContext(T0, 1, stats), listed);

        assertTrue(venue.requests().contains(
                "/api/v2/mix/market/merge-depth?symbol=BTCUSDT&productType=USDT-FUTURES&precision=scale0&limit=max"),
                venue.requests().toString());
        assertTrue(venue.requests().contains("/api/v2/mix/market/tickers?productType=USDT-FUTURES"));
        assertTrue(venue.requests().contains(FUNDING + "?symbol=BTCUSDT&productType=USDT-FUTURES"));
        assertEquals("bitget", message.exchange());
        assertEquals(65000.0, message.ticker().bid());
        assertEquals(65000.2, message.ticker().ask());
        assertEquals(65000.1, message.ticker().last());
        assertEquals(98765.4321, message.ticker().volume24h());
        assertEquals(0.000085, message.fundingRate());
        assertEquals(1730131200000L, message.nextFundingTime());
        assertEquals(65000.15, message.markPrice());
        assertEquals(1730107603004L, message.orderbook().timestamp());
        assertEquals(3, message.orderbook().asks().length);
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.MARKET_DATA, Json.MAPPER.valueToTree(message)));
    }

    @Test
    void nextFundingTimeIsCachedUntilItPasses() throws Exception {
        BitgetAdapter adapter = adapter(1000);
        Map<String, MarketStats> stats = adapter.fetchCycleStats(http, List.of(btc));

        adapter.fetchSnapshot(http, new CycleContext(T0, 1, stats), btc);
        clock.set(T0 + 5_000);
        adapter.fetchSnapshot(http, new CycleContext(T0 + 5_000, 1, stats), btc);
        clock.set(1730131199999L);
        MarketDataMessage beforeSettlement = adapter.fetchSnapshot(http, new CycleContext(1730131199999L, 1, stats), btc);

        assertEquals(1, venue.count(FUNDING));
        assertEquals(1730131200000L, beforeSettlement.nextFundingTime());
        assertEquals(0.000085, beforeSettlement.fundingRate());

        clock.set(1730131200000L);
        adapter.fetchSnapshot(http, new CycleContext(1730131200000L, 1, stats), btc);
        assertEquals(2, venue.count(FUNDING));
    }

    @Test
    void symbolMissingFromTickersTakesTheRateFromTheFundingCall() throws Exception {
        BitgetAdapter adapter = adapter(1000);
        Map<String, MarketStats> stats = adapter.fetchCycleStats(http, List.of(pepe));

        MarketDataMessage message = adapter.fetchSnapshot(http, new CycleContext(T0, 1, stats), pepe);

        assertEquals(Map.of(), stats);
        assertEquals(0.000125, message.fundingRate());
        assertEquals(1730116800000L, message.nextFundingTime());
        assertEquals(0.000009829, message.ticker().bid());
        assertEquals(0.000009831, message.ticker().ask());
        assertEquals("mid", message.extra().get("last_source"));
        assertNull(message.markPrice());
    }

    @Test
    void failingFundingCallStillPublishesTheBook() throws Exception {
        venue.route(FUNDING, "bitget/error-symbol.json");
        BitgetAdapter adapter = adapter(1000);
        Map<String, MarketStats> stats = adapter.fetchCycleStats(http, List.of(btc));

        MarketDataMessage message = adapter.fetchSnapshot(http, new CycleContext(T0, 1, stats), btc);

        assertNull(message.nextFundingTime());
        assertEquals(0.000085, message.fundingRate());
        assertEquals(65000.0, message.orderbook().bids()[0][0]);
    }

    @Test
    void smallDepthUsesAFixedGearAndTrims() throws Exception {
        MarketDataMessage message = adapter(2).fetchSnapshot(http, new CycleContext(T0, 1, Map.of()), btc);

        assertTrue(venue.requests().contains(
                "/api/v2/mix/market/merge-depth?symbol=BTCUSDT&productType=USDT-FUTURES&precision=scale0&limit=5"),
                venue.requests().toString());
        assertEquals(2, message.orderbook().bids().length);
    }

    @Test
    void limitParameterGears() {
        assertEquals("max", BitgetAdapter.limitParameter(1000));
        assertEquals("max", BitgetAdapter.limitParameter(51));
        assertEquals("50", BitgetAdapter.limitParameter(50));
        assertEquals("50", BitgetAdapter.limitParameter(20));
        assertEquals("15", BitgetAdapter.limitParameter(15));
        assertEquals("5", BitgetAdapter.limitParameter(3));
        assertEquals("1", BitgetAdapter.limitParameter(1));
        assertEquals("1", BitgetAdapter.limitParameter(0));
    }
}
