package io.marketdata.collector.exchange.bitget;

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

class BitgetParserTest {

    @Test
    void contractsKeepNormalUsdtPerpetuals() throws Exception {
        Map<UnifiedSymbol, Instrument> instruments = BitgetParser.instruments(Payloads.json("bitget/contracts.json"));

        // BTCUSDT1227 (delivery) and OMGUSDT (status off) are left out
        assertEquals(Set.of(UnifiedSymbol.of("BTC/USDT:USDT"), UnifiedSymbol.of("ETH/USDT:USDT"),
                UnifiedSymbol.of("PEPE/USDT:USDT")), instruments.keySet());
        Instrument btc = instruments.get(UnifiedSymbol.of("BTC/USDT:USDT"));
        assertEquals("BTCUSDT", btc.nativeId());
        assertEquals(1.0, btc.contractSize());
    }

    @Test
    void tickersHaveNoNextFundingTime() throws Exception {
        Map<String, MarketStats> tickers = BitgetParser.tickers(Payloads.json("bitget/tickers.json"));

        assertEquals(new MarketStats(65000.0, 65000.2, 65000.1, 98765.4321, 0.000085, null, 65000.15),
                tickers.get("BTCUSDT"));
        assertEquals(-0.000023, tickers.get("ETHUSDT").fundingRate());
    }

    @Test
    void currentFundRateIsAnArrayWithTheNextUpdate() throws Exception {
        BitgetParser.Funding funding = BitgetParser.funding(Payloads.json("bitget/current-fund-rate-BTCUSDT.json"), "BTCUSDT");

        assertEquals(0.000085, funding.rate());
        assertEquals(1730131200000L, funding.nextUpdate());
    }

    @Test
    void emptyFundingAnswerIsRejected() {
        ExchangeException e = assertThrows(ExchangeException.class, () -> BitgetParser.funding(
                Payloads.parse("{\"code\":\"00000\",\"msg\":\"success\",\"data\":[]}"), "BTCUSDT"));

        assertEquals("bitget current-fund-rate BTCUSDT: empty 'data'", e.getMessage());
    }

    @Test
    void mergeDepthWithNumericLevels() throws Exception {
        BitgetParser.Book book = BitgetParser.book(Payloads.json("bitget/merge-depth-BTCUSDT.json"), "BTCUSDT");

        assertArrayEquals(new double[][] {{65000.0, 3.2}, {64999.8, 0.75}, {64998.1, 12.5}}, book.bids());
        assertArrayEquals(new double[][] {{65000.2, 1.05}, {65000.5, 0.2}, {65001.0, 3.0}}, book.asks());
        assertEquals(1730107603004L, book.timestamp());
    }

    @Test
    void mergeDepthWithStringLevels() throws Exception {
        BitgetParser.Book book = BitgetParser.book(Payloads.json("bitget/merge-depth-PEPEUSDT.json"), "PEPEUSDT");

        assertArrayEquals(new double[][] {{0.000009829, 88000000}, {0.000009828, 1000000}}, book.bids());
        assertArrayEquals(new double[][] {{0.000009831, 15000000}, {0.000009832, 240000000}}, book.asks());
        assertEquals(1730107603006L, book.timestamp());
    }

    @Test
    void errorCodeIsAnError() {
        ExchangeException e = assertThrows(ExchangeException.class,
                () -> BitgetParser.book(Payloads.json("bitget/error-symbol.json"), "XUSDT"));

        assertEquals("bitget merge-depth XUSDT: code 40034 Parameter symbol does not exist", e.getMessage());
    }

    @Test
    void bookWithoutTimeIsRejected() {
        ExchangeException e = assertThrows(ExchangeException.class, () -> BitgetParser.book(Payloads.parse(
                "{\"code\":\"00000\",\"msg\":\"success\",\"data\":{\"asks\":[[2,1]],\"bids\":[[1,1]]}}"), "BTCUSDT"));

        assertEquals("bitget merge-depth BTCUSDT: missing 'ts'", e.getMessage());
    }

    @Test
    void fundingWithoutNextUpdateLeavesItNull() throws Exception {
        BitgetParser.Funding funding = BitgetParser.funding(Payloads.parse(
                "{\"code\":\"00000\",\"data\":[{\"symbol\":\"BTCUSDT\",\"fundingRate\":\"0.0001\",\"nextUpdate\":\"\"}]}"),
                "BTCUSDT");

        assertEquals(0.0001, funding.rate());
        assertNull(funding.nextUpdate());
    }
}
