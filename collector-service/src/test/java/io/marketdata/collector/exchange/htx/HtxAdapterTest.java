package io.marketdata.collector.exchange.htx;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HtxAdapterTest {

    private ScriptedVenue venue;
    private RestClient http;

    @BeforeEach
    void start() {
        venue = ScriptedVenue.start()
                .route("/linear-swap-api/v1/swap_contract_info", "htx/swap_contract_info.json")
                .route("/linear-swap-api/v1/swap_batch_funding_rate", "htx/swap_batch_funding_rate.json")
                .route("/linear-swap-ex/market/detail/merged", "htx/detail-merged-BTC-USDT.json")
                .route("/index/market/history/linear_swap_mark_price_kline", "htx/mark-price-kline-BTC-USDT.json")
                .route("/linear-swap-ex/market/depth", "htx/depth-BTC-USDT.json");
        http = venue.client("htx", 96, Duration.ofSeconds(3));
    }

    @AfterEach
    void stop() {
        venue.close();
    }

    private HtxAdapter adapter(int maxDepth) {
        return new HtxAdapter(TestConfigs.config(5, Map.of("htx",
                TestConfigs.exchange(venue.baseUrl(), maxDepth, TestConfigs.rateLimit(120, Duration.ofSeconds(3))))));
    }

    @Test
    void snapshotJoinsBookTickerMarkAndBulkFunding() throws Exception {
        HtxAdapter adapter = adapter(1000);
        Instrument btc = adapter.fetchInstruments(http).get(UnifiedSymbol.of("BTC/USDT:USDT"));

        Map<String, MarketStats> stats = adapter.fetchCycleStats(http, List.of(btc));
        MarketDataMessage message = adapter.fetchSnapshot(http, new CycleContext(0, 1, stats), btc);

        assertTrue(venue.requests().contains("/linear-swap-ex/market/depth?contract_code=BTC-USDT&type=step0"));
        assertTrue(venue.requests().contains("/linear-swap-ex/market/detail/merged?contract_code=BTC-USDT"));
        assertTrue(venue.requests().contains(
                "/index/market/history/linear_swap_mark_price_kline?contract_code=BTC-USDT&period=1min&size=1"));
        assertEquals("htx", message.exchange());
        assertEquals("BTC/USDT:USDT", message.symbol());
        assertEquals(65000.1, message.ticker().bid());
        assertEquals(65000.2, message.ticker().ask());
        assertEquals(65000.1, message.ticker().last());
        assertEquals(41803.4012, message.ticker().volume24h());
        assertEquals(0.0001, message.fundingRate());
        assertEquals(1730131200000L, message.nextFundingTime());
        assertEquals(65000.35, message.markPrice());
        assertEquals(1730107603112L, message.orderbook().timestamp());
        assertArrayEquals(new double[] {65000.1, 0.418}, message.orderbook().bids()[0]);
        assertArrayEquals(new double[] {65001.0, 1.5}, message.orderbook().asks()[2]);
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.MARKET_DATA, Json.MAPPER.valueToTree(message)));
    }

    @Test
    void failedTickerAndMarkStillPublishTheBook() throws Exception {
        venue.route("/linear-swap-ex/market/detail/merged", "htx/error-market.json");
        venue.route("/index/market/history/linear_swap_mark_price_kline", "htx/error-market.json");
        HtxAdapter adapter = adapter(1000);
        Instrument btc = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTC-USDT", 0.001);
        Map<String, MarketStats> stats = adapter.fetchCycleStats(http, List.of(btc));

        MarketDataMessage message = adapter.fetchSnapshot(http, new CycleContext(0, 1, stats), btc);

        assertEquals(65000.1, message.ticker().bid());
        assertEquals(65000.2, message.ticker().ask());
        // (65000.1 + 65000.2) / 2
        assertEquals(65000.15, message.ticker().last(), 1e-9);
        assertEquals("mid", message.extra().get("last_source"));
        assertNull(message.ticker().volume24h());
        assertNull(message.markPrice());
        assertEquals(0.0001, message.fundingRate());
    }

    @Test
    void failedBookFailsTheSnapshot() {
        venue.route("/linear-swap-ex/market/depth", "htx/error-market.json");
        Instrument btc = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTC-USDT", 0.001);

        ExchangeException e = assertThrows(ExchangeException.class,
                () -> adapter(1000).fetchSnapshot(http, new CycleContext(0, 1, Map.of()), btc));

        assertEquals("htx depth BTC-USDT: status 'error' invalid-parameter invalid contract code", e.getMessage());
    }

    @Test
    void bulkFundingErrorFailsTheCycleStats() {
        venue.route("/linear-swap-api/v1/swap_batch_funding_rate", "htx/error-api.json");
        Instrument btc = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTC-USDT", 0.001);

        assertThrows(ExchangeException.class, () -> adapter(1000).fetchCycleStats(http, List.of(btc)));
    }

    @Test
    void bookIsTrimmedToTheConfiguredDepth() throws Exception {
        Instrument btc = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTC-USDT", 0.001);

        MarketDataMessage message = adapter(2).fetchSnapshot(http, new CycleContext(0, 1, Map.of()), btc);

        assertEquals(2, message.orderbook().bids().length);
        assertEquals(2, message.orderbook().asks().length);
    }
}
