package io.marketdata.collector.exchange.gateio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GateAdapterTest {

    private ScriptedVenue venue;
    private RestClient http;

    @BeforeEach
    void start() {
        venue = ScriptedVenue.start()
                .route("/futures/usdt/contracts", "gateio/contracts.json")
                .route("/futures/usdt/tickers", "gateio/tickers.json")
                .route("/futures/usdt/order_book", "gateio/order_book-BTC_USDT.json");
        http = venue.client("gateio", 160, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        venue.close();
    }

    private GateAdapter adapter(int maxDepth) {
        return new GateAdapter(TestConfigs.config(5, Map.of("gateio",
                TestConfigs.exchange(venue.baseUrl(), maxDepth, TestConfigs.rateLimit(200, Duration.ofSeconds(10))))));
    }

    @Test
    void snapshotJoinsTickerContractFundingAndTheBookInBaseUnits() throws Exception {
        GateAdapter adapter = adapter(1000);
        Instrument btc = adapter.fetchInstruments(http).get(UnifiedSymbol.of("BTC/USDT:USDT"));

        Map<String, MarketStats> stats = adapter.fetchCycleStats(http, List.of(btc));
        MarketDataMessage message = adapter.fetchSnapshot(http, new CycleContext(0, 1, stats), btc);

        // the configured 1000 is rounded down to the endpoint's maximum of 100
        assertTrue(venue.requests().contains("/futures/usdt/order_book?contract=BTC_USDT&limit=100&with_id=true"),
                venue.requests().toString());
        assertEquals("gateio", message.exchange());
        assertEquals("BTC/USDT:USDT", message.symbol());
        assertEquals(61264.7, message.ticker().bid());
        assertEquals(61264.8, message.ticker().ask());
        assertEquals(61264.8, message.ticker().last());
        assertEquals(12345.6789, message.ticker().volume24h());
        assertEquals(0.000094, message.fundingRate());
        assertEquals(1730131200000L, message.nextFundingTime());
        assertEquals(61264.75, message.markPrice());
        assertEquals(1634350208745L, message.orderbook().timestamp());
        assertArrayEquals(new double[] {61264.8, 2.4909}, message.orderbook().asks()[0]);
        assertArrayEquals(new double[] {61264.7, 0.0418}, message.orderbook().bids()[0]);
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.MARKET_DATA, Json.MAPPER.valueToTree(message)));
    }

    @Test
    void symbolMissingFromTickersKeepsItsContractFunding() throws Exception {
        Instrument eth = new Instrument(UnifiedSymbol.of("ETH/USDT:USDT"), "ETH_USDT", 0.01);

        Map<String, MarketStats> stats = adapter(1000).fetchCycleStats(http, List.of(eth));

        assertEquals(Map.of("ETH_USDT", new MarketStats(null, null, null, null, -0.000021, 1730131200000L, 2630.49)), stats);
    }

    @Test
    void smallerConfiguredDepthIsRequested() throws Exception {
        Instrument btc = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTC_USDT", 0.0001);

        MarketDataMessage message = adapter(2).fetchSnapshot(http, new CycleContext(0, 1, Map.of()), btc);

        assertTrue(venue.requests().contains("/futures/usdt/order_book?contract=BTC_USDT&limit=2&with_id=true"),
                venue.requests().toString());
        assertEquals(2, message.orderbook().asks().length);
    }

    @Test
    void errorObjectFailsTheSnapshot() {
        venue.route("/futures/usdt/order_book", "gateio/error-contract.json");
        Instrument btc = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTC_USDT", 0.0001);

        ExchangeException e = assertThrows(ExchangeException.class,
                () -> adapter(1000).fetchSnapshot(http, new CycleContext(0, 1, Map.of()), btc));

        assertEquals("gateio order_book BTC_USDT: CONTRACT_NOT_FOUND Contract not found", e.getMessage());
    }
}
