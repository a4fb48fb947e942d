package io.marketdata.collector.exchange.binance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.collector.exchange.ExchangeException;
import io.marketdata.collector.exchange.Instrument;
import io.marketdata.collector.exchange.MarketStats;
import io.marketdata.collector.exchange.Payloads;
import io.marketdata.contracts.UnifiedSymbol;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BinanceParserTest {

    @Test
    void futuresInstrumentsKeepOnlyTradingUsdtPerpetualsWithTheirListedBase() throws Exception {
        Map<UnifiedSymbol, Instrument> instruments =
                BinanceParser.futuresInstruments(Payloads.json("binance/futures-exchangeInfo.json"));

        assertEquals(Set.of(UnifiedSymbol.of("BTC/USDT:USDT"), UnifiedSymbol.of("ETH/USDT:USDT"),
                UnifiedSymbol.of("1000PEPE/USDT:USDT")), instruments.keySet());
        Instrument pepe = instruments.get(UnifiedSymbol.of("1000PEPE/USDT:USDT"));
        assertEquals("1000PEPEUSDT", pepe.nativeId());
        assertEquals("1000PEPE", pepe.symbol().base());
        assertEquals("1000PEPEUSDT", pepe.symbol().routingSymbol());
        assertEquals(1.0, pepe.contractSize());
        assertEquals("BTCUSDT", instruments.get(UnifiedSymbol.of("BTC/USDT:USDT")).nativeId());
    }

    @Test
    void spotInstrumentsAreKeyedByThePerpetualTheyStandBeside() throws Exception {
        Map<UnifiedSymbol, Instrument> instruments =
                BinanceParser.spotInstruments(Payloads.json("binance/spot-exchangeInfo.json"));

        // ETHBTC (quote BTC) and LUNAUSDT (status BREAK) are left out
        assertEquals(Set.of(UnifiedSymbol.of("BTC/USDT:USDT"), UnifiedSymbol.of("PEPE/USDT:USDT")), instruments.keySet());
        Instrument btc = instruments.get(UnifiedSymbol.of("BTC/USDT:USDT"));
        assertEquals("BTC/USDT", btc.symbol().toString());
        assertFalse(btc.symbol().isPerpetual());
        assertEquals("BTCUSDT", btc.nativeId());
    }

    @Test
    void bookTickerGivesBestBidAndAsk() throws Exception {
        MarketStats btc = BinanceParser.bookTickers(Payloads.json("binance/futures-bookTicker.json")).get("BTCUSDT");

        assertEquals(65000.10, btc.bid());
        assertEquals(65000.20, btc.ask());
        assertNull(btc.last());
        assertNull(btc.fundingRate());
    }

    @Test
    void dailyTickerGivesLastAndBaseVolume() throws Exception {
        MarketStats btc = BinanceParser.dailyTickers(Payloads.json("binance/futures-24hr.json")).get("BTCUSDT");

        assertEquals(65000.10, btc.last());
        assertEquals(123456.789, btc.volume24h());
        assertNull(btc.bid());
    }

    @Test
    void premiumIndexGivesFundingNextFundingAndMark() throws Exception {
        Map<String, MarketStats> index = BinanceParser.premiumIndex(Payloads.json("binance/futures-premiumIndex.json"));

        MarketStats btc = index.get("BTCUSDT");
        assertEquals(0.0001, btc.fundingRate());
        assertEquals(1730131200000L, btc.nextFundingTime());
        assertEquals(65000.15, btc.markPrice());
        assertEquals(-0.00002311, index.get("ETHUSDT").fundingRate());
        // a delivery contract: empty rate and next funding time 0 are "no funding"
        MarketStats quarterly = index.get("BTCUSDT_250328");
        assertNull(quarterly.fundingRate());
        assertNull(quarterly.nextFundingTime());
        assertEquals(66011.2, quarterly.markPrice());
    }

    @Test
    void combineMergesTheBulkAnswersPerWantedSymbolAndSkipsTheMissing() throws Exception {
        Map<String, MarketStats> combined = BinanceParser.combine(Set.of("BTCUSDT", "1000PEPEUSDT", "NOPEUSDT"),
                BinanceParser.bookTickers(Payloads.json("binance/futures-bookTicker.json")),
                BinanceParser.dailyTickers(Payloads.json("binance/futures-24hr.json")),
                BinanceParser.premiumIndex(Payloads.json("binance/futures-premiumIndex.json")));

        assertEquals(Set.of("BTCUSDT", "1000PEPEUSDT"), combined.keySet());
        assertEquals(new MarketStats(65000.10, 65000.20, 65000.10, 123456.789, 0.0001, 1730131200000L, 65000.15),
                combined.get("BTCUSDT"));
        // 1000PEPEUSDT is absent from premiumIndex: its funding fields stay null
        assertEquals(new MarketStats(0.0098270, 0.0098280, 0.0098275, 98765432101.0, null, null, null),
                combined.get("1000PEPEUSDT"));
    }

    @Test
    void futuresDepthIsSortedInBaseUnitsAtTransactionTime() throws Exception {
        BinanceParser.Book book = BinanceParser.futuresBook(Payloads.json("binance/futures-depth-BTCUSDT.json"), "BTCUSDT");

        assertArrayEquals(new double[][] {{65000.10, 1.5}, {64999.90, 0.8}, {64999.50, 12.031}}, book.bids());
        assertArrayEquals(new double[][] {{65000.20, 2.3}, {65000.40, 0.004}, {65001.00, 7.5}}, book.asks());
        assertEquals(1730107603100L, book.timestamp()); // T, not E (…123)
        assertEquals(5378842519L, book.lastUpdateId());
    }

    @Test
    void futuresDepthFallsBackToEventTime() throws Exception {
        BinanceParser.Book book = BinanceParser.futuresBook(Payloads.parse(
                "{\"lastUpdateId\":1,\"E\":1730107603123,\"bids\":[[\"10.0\",\"1\"]],\"asks\":[[\"11.0\",\"2\"]]}"), "XUSDT");

        assertEquals(1730107603123L, book.timestamp());
        assertArrayEquals(new double[][] {{10.0, 1.0}}, book.bids());
    }

    @Test
    void futuresDepthWithoutTimeIsRejected() {
        ExchangeException e = assertThrows(ExchangeException.class, () -> BinanceParser.futuresBook(Payloads.parse(
                "{\"lastUpdateId\":1,\"bids\":[[\"10.0\",\"1\"]],\"asks\":[[\"11.0\",\"2\"]]}"), "XUSDT"));

        assertEquals("binance depth XUSDT: missing book time (T/E)", e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void depthWithoutBidsNamesTheField() {
        ExchangeException e = assertThrows(ExchangeException.class, () -> BinanceParser.futuresBook(Payloads.parse(
                "{\"lastUpdateId\":1,\"T\":1730107603100,\"asks\":[[\"11.0\",\"2\"]]}"), "BTCUSDT"));

        assertEquals("binance depth BTCUSDT: missing 'bids'", e.getMessage());
    }

    @Test
    void errorEnvelopeBecomesAnExchangeException() {
        ExchangeException e = assertThrows(ExchangeException.class,
                () -> BinanceParser.futuresBook(Payloads.json("binance/error-invalid-symbol.json"), "NOPEUSDT"));

        assertTrue(e.getMessage().contains("-1121"), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid symbol."), e.getMessage());
    }

    @Test
    void bulkAnswerThatIsNotAnArrayIsRejected() {
        ExchangeException e = assertThrows(ExchangeException.class,
                () -> BinanceParser.bookTickers(Payloads.parse("{\"symbol\":\"BTCUSDT\",\"bidPrice\":\"1\"}")));

        assertEquals("binance bookTicker: expected an array of all symbols", e.getMessage());
    }

    @Test
    void instrumentWithoutBaseAssetIsRejectedWithItsSymbol() {
        ExchangeException e = assertThrows(ExchangeException.class, () -> BinanceParser.futuresInstruments(Payloads.parse(
                "{\"symbols\":[{\"symbol\":\"XUSDT\",\"contractType\":\"PERPETUAL\",\"status\":\"TRADING\","
                        + "\"quoteAsset\":\"USDT\"}]}")));

        assertEquals("binance exchangeInfo XUSDT: missing 'baseAsset'", e.getMessage());
    }

    @Test
    void spotDepthIsStampedWithItsReceiptTime() throws Exception {
        BinanceParser.Book book = BinanceParser.spotBook(Payloads.json("binance/spot-depth-BTCUSDT.json"), "BTCUSDT",
                1730107604000L);

        assertEquals(1730107604000L, book.timestamp());
        assertArrayEquals(new double[] {65010.00, 1.23}, book.bids()[0]);
        assertArrayEquals(new double[] {65009.99, 0.0008}, book.bids()[1]);
        assertArrayEquals(new double[] {65010.01, 0.5}, book.asks()[0]);
    }
}
