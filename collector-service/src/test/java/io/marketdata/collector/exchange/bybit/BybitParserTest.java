package io.marketdata.collector.exchange.bybit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class BybitParserTest {

    @Test
    void firstPageKeepsOnlyUsdtLinearPerpetualsAndReturnsTheCursor() throws Exception {
        BybitParser.InstrumentPage page = BybitParser.instruments(Payloads.json("bybit/instruments-page1.json"));

        // BTC-27DEC24 (LinearFutures) and BTCPERP (USDC) are left out
        assertEquals(Set.of(UnifiedSymbol.of("BTC/USDT:USDT")), page.instruments().keySet());
        assertEquals("BTCUSDT", page.instruments().get(UnifiedSymbol.of("BTC/USDT:USDT")).nativeId());
        assertEquals("first%3DBTCUSDT%26last%3DBTCPERP", page.nextCursor());
    }

    @Test
    void lastPageHasNoCursorAndSkipsClosedContracts() throws Exception {
        BybitParser.InstrumentPage page = BybitParser.instruments(Payloads.json("bybit/instruments-page2.json"));

        Map<UnifiedSymbol, Instrument> instruments = page.instruments();
        assertEquals(Set.of(UnifiedSymbol.of("1000PEPE/USDT:USDT"), UnifiedSymbol.of("ETH/USDT:USDT")), instruments.keySet());
        Instrument pepe = instruments.get(UnifiedSymbol.of("1000PEPE/USDT:USDT"));
        assertEquals("1000PEPEUSDT", pepe.nativeId());
        assertEquals("1000PEPE", pepe.symbol().base());
        assertEquals(1.0, pepe.contractSize());
        assertNull(page.nextCursor());
    }

    @Test
    void tickersAreStringsWithFundingAndMark() throws Exception {
        Map<String, MarketStats> tickers = BybitParser.tickers(Payloads.json("bybit/tickers.json"));

        assertEquals(new MarketStats(65000.0, 65000.1, 65000.1, 19021.337, 0.0001, 1730131200000L, 65000.3),
                tickers.get("BTCUSDT"));
        assertEquals(-0.00002311, tickers.get("ETHUSDT").fundingRate());
        assertEquals(2630.51, tickers.get("ETHUSDT").bid());
    }

    @Test
    void orderbookLevelsAndTime() throws Exception {
        BybitParser.Book book = BybitParser.book(Payloads.json("bybit/orderbook-BTCUSDT.json"), "BTCUSDT");

        assertArrayEquals(new double[][] {{65000.0, 3.004}, {64999.9, 0.5}, {64999.5, 10.02}}, book.bids());
        assertArrayEquals(new double[][] {{65000.1, 1.2}, {65000.3, 0.75}, {65001.2, 4.401}}, book.asks());
        assertEquals(1730107603120L, book.timestamp());
        assertEquals(18521288L, book.updateId());
    }

    @Test
    void nonZeroRetCodeIsAnError() {
        ExchangeException e = assertThrows(ExchangeException.class,
                () -> BybitParser.book(Payloads.json("bybit/error-params.json"), "XUSDT"));

        assertEquals("bybit orderbook XUSDT: retCode 10001 params error: symbol invalid", e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void missingRetCodeIsAnError() {
        ExchangeException e = assertThrows(ExchangeException.class,
                () -> BybitParser.tickers(Payloads.parse("{\"result\":{\"list\":[]}}")));

        assertEquals("bybit tickers: missing 'retCode'", e.getMessage());
    }

    @Test
    void bookWithoutTimeIsRejected() {
        ExchangeException e = assertThrows(ExchangeException.class, () -> BybitParser.book(Payloads.parse(
                "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"s\":\"BTCUSDT\",\"b\":[[\"1\",\"1\"]],\"a\":[[\"2\",\"1\"]]}}"),
                "BTCUSDT"));

        assertEquals("bybit orderbook BTCUSDT: missing 'ts'", e.getMessage());
    }

    @Test
    void bookWithoutAsksNamesTheField() {
        ExchangeException e = assertThrows(ExchangeException.class, () -> BybitParser.book(Payloads.parse(
                "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"s\":\"BTCUSDT\",\"b\":[[\"1\",\"1\"]],\"ts\":1}}"),
                "BTCUSDT"));

        assertEquals("bybit orderbook BTCUSDT: missing 'a'", e.getMessage());
    }
}
