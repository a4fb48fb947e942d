package io.marketdata.collector.exchange.htx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.marketdata.collector.exchange.ExchangeException;
import io.marketdata.collector.exchange.Instrument;
import io.marketdata.collector.exchange.MarketStats;
import io.marketdata.collector.exchange.Payloads;
import io.marketdata.contracts.UnifiedSymbol;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HtxParserTest {

    private static final Instrument BTC = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTC-USDT", 0.001);
    private static final Instrument PEPE = new Instrument(UnifiedSymbol.of("PEPE/USDT:USDT"), "PEPE-USDT", 10000);

    @Test
    void contractInfoKeepsTradingUsdtSwapsWithTheirContractSize() throws Exception {
        Map<UnifiedSymbol, Instrument> instruments = HtxParser.instruments(Payloads.json("htx/swap_contract_info.json"));

        // BTC-USDT-241227 (futures) and LUNA-USDT (contract_status 5) are left out
        assertEquals(Set.of(UnifiedSymbol.of("BTC/USDT:USDT"), UnifiedSymbol.of("ETH/USDT:USDT"),
                UnifiedSymbol.of("PEPE/USDT:USDT")), instruments.keySet());
        assertEquals(BTC, instruments.get(UnifiedSymbol.of("BTC/USDT:USDT")));
        assertEquals(0.01, instruments.get(UnifiedSymbol.of("ETH/USDT:USDT")).contractSize());
        assertEquals(10000.0, instruments.get(UnifiedSymbol.of("PEPE/USDT:USDT")).contractSize());
    }

    @Test
    void fundingTimeIsTheUpcomingSettlement() throws Exception {
        Map<String, MarketStats> funding = HtxParser.funding(Payloads.json("htx/swap_batch_funding_rate.json"));

        MarketStats btc = funding.get("BTC-USDT");
        assertEquals(0.0001, btc.fundingRate());
        // funding_time, not HTX's next_funding_time (1730160000000, the settlement after it)
        assertEquals(1730131200000L, btc.nextFundingTime());
        assertNull(btc.markPrice());
        assertEquals(-0.00002311, funding.get("ETH-USDT").fundingRate());
        assertEquals(1730116800000L, funding.get("PEPE-USDT").nextFundingTime());
    }

    @Test
    void depthSizesAreContractsTimesContractSize() throws Exception {
        HtxParser.Book book = HtxParser.book(Payloads.json("htx/depth-BTC-USDT.json"), BTC);

        // 418 × 0.001 = 0.418, 25 × 0.001 = 0.025, 1000 × 0.001 = 1
        assertArrayEquals(new double[][] {{65000.1, 0.418}, {64999.9, 0.025}, {64998.0, 1.0}}, book.bids());
        // 12 × 0.001 = 0.012, 300 × 0.001 = 0.3, 1500 × 0.001 = 1.5
        assertArrayEquals(new double[][] {{65000.2, 0.012}, {65000.5, 0.3}, {65001.0, 1.5}}, book.asks());
        assertEquals(1730107603112L, book.timestamp());
    }

    @Test
    void largeContractSizesMultiplyUp() throws Exception {
        HtxParser.Book book = HtxParser.book(Payloads.json("htx/depth-PEPE-USDT.json"), PEPE);

        // 120 × 10000 = 1 200 000; 37 × 10000 = 370 000
        assertArrayEquals(new double[] {0.0000098290, 1_200_000}, book.bids()[0]);
        assertArrayEquals(new double[] {0.0000098280, 30_000}, book.bids()[1]);
        assertArrayEquals(new double[] {0.0000098300, 370_000}, book.asks()[0]);
    }

    @Test
    void mergedTickerUsesPricesAndTheBaseAmountAsIs() throws Exception {
        MarketStats ticker = HtxParser.ticker(Payloads.json("htx/detail-merged-BTC-USDT.json"), "BTC-USDT");

        // amount 41803.4012 is used as is, not vol × contract_size (41803398 × 0.001 = 41803.398)
        assertEquals(new MarketStats(65000.1, 65000.2, 65000.1, 41803.4012, null, null, null), ticker);
    }

    @Test
    void markPriceIsTheCloseOfTheLatestCandle() throws Exception {
        assertEquals(65000.35, HtxParser.markPrice(Payloads.json("htx/mark-price-kline-BTC-USDT.json"), "BTC-USDT"));
        assertNull(HtxParser.markPrice(Payloads.parse("{\"status\":\"ok\",\"data\":[],\"ts\":1}"), "BTC-USDT"));
    }

    @Test
    void marketErrorEnvelope() {
        ExchangeException e = assertThrows(ExchangeException.class,
                () -> HtxParser.book(Payloads.json("htx/error-market.json"), BTC));

        assertEquals("htx depth BTC-USDT: status 'error' invalid-parameter invalid contract code", e.getMessage());
    }

    @Test
    void apiErrorEnvelope() {
        ExchangeException e = assertThrows(ExchangeException.class,
                () -> HtxParser.funding(Payloads.json("htx/error-api.json")));

        assertEquals("htx swap_batch_funding_rate: status 'error' 1014 This contract doesnt exist.", e.getMessage());
    }

    @Test
    void depthWithoutTickIsRejected() {
        ExchangeException e = assertThrows(ExchangeException.class,
                () -> HtxParser.book(Payloads.parse("{\"status\":\"ok\",\"ts\":1730107603113}"), BTC));

        assertEquals("htx depth BTC-USDT: missing 'tick'", e.getMessage());
    }

    @Test
    void contractWithoutSizeIsRejected() {
        ExchangeException e = assertThrows(ExchangeException.class, () -> HtxParser.instruments(Payloads.parse(
                "{\"status\":\"ok\",\"data\":[{\"symbol\":\"BTC\",\"contract_code\":\"BTC-USDT\",\"contract_status\":1,"
                        + "\"business_type\":\"swap\",\"contract_type\":\"swap\",\"trade_partition\":\"USDT\"}]}")));

        assertEquals("missing htx contract BTC-USDT contract_size", e.getMessage());
    }
}
