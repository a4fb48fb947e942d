package io.marketdata.collector.exchange.bybit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.collector.exchange.CycleContext;
import io.marketdata.collector.exchange.ExchangeException;
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
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BybitAdapterTest {

    private ScriptedVenue venue;
    private RestClient http;

    @BeforeEach
    void start() {
        venue = ScriptedVenue.start()
                .route("/v5/market/instruments-info", query -> ScriptedVenue.Answer.payload(query.contains("cursor=")
                        ? "bybit/instruments-page2.json" : "bybit/instruments-page1.json"))
                .route("/v5/market/tickers", "bybit/tickers.json")
                .route("/v5/market/orderbook", query -> ScriptedVenue.Answer.payload(query.contains("symbol=1000PEPEUSDT")
                        ? "bybit/orderbook-1000PEPEUSDT.json" : "bybit/orderbook-BTCUSDT.json"));
        http = venue.client("bybit", 480, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        venue.close();
    }

    private BybitAdapter adapter(int maxDepth) {
        return new BybitAdapter(TestConfigs.config(5, Map.of("bybit",
                TestConfigs.exchange(venue.baseUrl(), maxDepth, TestConfigs.rateLimit(600, Duration.ofSeconds(5))))));
    }

    @Test
    void instrumentListFollowsTheCursor() throws Exception {
        Map<UnifiedSymbol, Instrument> instruments = adapter(1000).fetchInstruments(http);

        assertEquals(Set.of(UnifiedSymbol.of("BTC/USDT:USDT"), UnifiedSymbol.of("ETH/USDT:USDT"),
                UnifiedSymbol.of("1000PEPE/USDT:USDT")), instruments.keySet());
        // the cursor is passed back exactly, URL-encoded once more as a query value
        assertEquals(List.of("/v5/market/instruments-info?category=linear&limit=1000",
                "/v5/market/instruments-info?category=linear&limit=1000&cursor=first%253DBTCUSDT%2526last%253DBTCPERP"),
                venue.requests());
    }

    @Test
    void aCursorThatRepeatsEndsTheListing() throws Exception {
        venue.route("/v5/market/instruments-info", query -> ScriptedVenue.Answer.payload("bybit/instruments-page1.json"));

        Map<UnifiedSymbol, Instrument> instruments = adapter(1000).fetchInstruments(http);

        assertEquals(Set.of(UnifiedSymbol.of("BTC/USDT:USDT")), instruments.keySet());
        assertEquals(2, venue.count("/v5/market/instruments-info"));
    }

    @Test
    void snapshotUsesTheTickerAndTheBookAtFiveHundred() throws Exception {
        BybitAdapter adapter = adapter(1000);
        Instrument btc = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTCUSDT", 1.0);

        Map<String, MarketStats> stats = adapter.fetchCycleStats(http, List.of(btc));
        MarketDataMessage message = adapter.fetchSnapshot(http, new CycleContext(0, 50, stats), btc);

        assertTrue(venue.requests().contains("/v5/market/tickers?category=linear"), venue.requests().toString());
        assertTrue(venue.requests().contains("/v5/market/orderbook?category=linear&symbol=BTCUSDT&limit=500"),
                venue.requests().toString());
        assertEquals("bybit", message.exchange());
        assertEquals("BTC/USDT:USDT", message.symbol());
        assertEquals(65000.0, message.ticker().bid());
        assertEquals(65000.1, message.ticker().ask());
        assertEquals(65000.1, message.ticker().last());
        assertEquals(19021.337, message.ticker().volume24h());
        assertEquals(0.0001, message.fundingRate());
        assertEquals(1730131200000L, message.nextFundingTime());
        assertEquals(65000.3, message.markPrice());
        assertEquals(1730107603120L, message.orderbook().timestamp());
        assertArrayEquals(new double[] {64999.5, 10.02}, message.orderbook().bids()[2]);
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.MARKET_DATA, Json.MAPPER.valueToTree(message)));
    }

    @Test
    void smallerConfiguredDepthIsRequestedAndKept() throws Exception {
        Instrument btc = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTCUSDT", 1.0);

        MarketDataMessage message = adapter(2).fetchSnapshot(http, new CycleContext(0, 1, Map.of()), btc);

        assertTrue(venue.requests().contains("/v5/market/orderbook?category=linear&symbol=BTCUSDT&limit=2"),
                venue.requests().toString());
        assertEquals(2, message.orderbook().bids().length);
        assertEquals(2, message.orderbook().asks().length);
    }

    @Test
    void symbolMissingFromTickersFallsBackToTheBook() throws Exception {
        BybitAdapter adapter = adapter(1000);
        Instrument pepe = new Instrument(UnifiedSymbol.of("1000PEPE/USDT:USDT"), "1000PEPEUSDT", 1.0);

        Map<String, MarketStats> stats = adapter.fetchCycleStats(http, List.of(pepe));
        MarketDataMessage message = adapter.fetchSnapshot(http, new CycleContext(0, 1, stats), pepe);

        assertEquals(Map.of(), stats);
        assertEquals(0.0098260, message.ticker().bid());
        assertEquals(0.0098280, message.ticker().ask());
        // (0.0098260 + 0.0098280) / 2
        assertEquals(0.009827, message.ticker().last(), 1e-12);
        assertEquals("mid", message.extra().get("last_source"));
        assertNull(message.fundingRate());
        assertNull(message.markPrice());
    }

    @Test
    void errorEnvelopeOnTheBookFailsTheSnapshot() {
        venue.route("/v5/market/orderbook", "bybit/error-params.json");
        Instrument btc = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTCUSDT", 1.0);

        ExchangeException e = assertThrows(ExchangeException.class,
                () -> adapter(1000).fetchSnapshot(http, new CycleContext(0, 1, Map.of()), btc));

        assertEquals("bybit orderbook BTCUSDT: retCode 10001 params error: symbol invalid", e.getMessage());
    }
}
