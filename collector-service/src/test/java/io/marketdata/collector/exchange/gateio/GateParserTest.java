package io.marketdata.collector.exchange.gateio;

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

class GateParserTest {

    private static final Instrument BTC = new Instrument(UnifiedSymbol.of("BTC/USDT:USDT"), "BTC_USDT", 0.0001);

    @Test
    void contractsSkipDelistingAndNotYetTradingWithQuantoAsContractSize() throws Exception {
        Map<UnifiedSymbol, Instrument> instruments = GateParser.instruments(Payloads.json("gateio/contracts.json"));

        // LUNC_USDT is in_delisting, NEWCOIN_USDT is prelaunch
        assertEquals(Set.of(UnifiedSymbol.of("BTC/USDT:USDT"), UnifiedSymbol.of("ETH/USDT:USDT"),
                UnifiedSymbol.of("PEPE/USDT:USDT")), instruments.keySet());
        assertEquals(BTC, instruments.get(UnifiedSymbol.of("BTC/USDT:USDT")));
        assertEquals(0.01, instruments.get(UnifiedSymbol.of("ETH/USDT:USDT")).contractSize());
        assertEquals(10_000_000.0, instruments.get(UnifiedSymbol.of("PEPE/USDT:USDT")).contractSize());
        assertEquals("PEPE_USDT", instruments.get(UnifiedSymbol.of("PEPE/USDT:USDT")).nativeId());
    }

    @Test
    void contractStatsGiveFundingInMillisAndMark() throws Exception {
        Map<String, MarketStats> stats = GateParser.contractStats(Payloads.json("gateio/contracts.json"));

        // funding_next_apply 1730131200 s → 1730131200000 ms
        assertEquals(new MarketStats(null, null, null, null, 0.000094, 1730131200000L, 61264.75), stats.get("BTC_USDT"));
        // given as a float (1730131200.0) in the ETH entry
        assertEquals(1730131200000L, stats.get("ETH_USDT").nextFundingTime());
        assertEquals(1730116800000L, stats.get("PEPE_USDT").nextFundingTime());
    }

    @Test
    void tickersAreAnArrayOfStrings() throws Exception {
        Map<String, MarketStats> tickers = GateParser.tickers(Payloads.json("gateio/tickers.json"));

        assertEquals(new MarketStats(61264.7, 61264.8, 61264.8, 12345.6789, 0.000094, null, 61264.75),
                tickers.get("BTC_USDT"));
        // an empty highest_bid is "not reported"
        assertNull(tickers.get("PEPE_USDT").bid());
        assertEquals(0.00000983, tickers.get("PEPE_USDT").ask());
    }

    @Test
    void orderBookSizesAreContractsTimesQuanto() throws Exception {
        GateParser.Book book = GateParser.book(Payloads.json("gateio/order_book-BTC_USDT.json"), BTC);

        // 24909 × 0.0001 = 2.4909, 100 × 0.0001 = 0.01, 3 × 0.0001 = 0.0003
        assertArrayEquals(new double[][] {{61264.8, 2.4909}, {61265.0, 0.01}, {61266.5, 0.0003}}, book.asks());
        // 418 × 0.0001 = 0.0418, 25000 × 0.0001 = 2.5, 7 × 0.0001 = 0.0007
        assertArrayEquals(new double[][] {{61264.7, 0.0418}, {61263.1, 2.5}, {61260.0, 0.0007}}, book.bids());
        // current 1634350208.745 s → 1634350208745 ms
        assertEquals(1634350208745L, book.timestamp());
        assertEquals(93973511L, book.id());
    }

    @Test
    void secondsBecomeExactMillis() throws Exception {
        assertEquals(1730131200000L, GateParser.secondsToMillis(Payloads.parse("1730131200"), "t"));
        assertEquals(1730131200000L, GateParser.secondsToMillis(Payloads.parse("\"1730131200\""), "t"));
        assertEquals(1634350208745L, GateParser.secondsToMillis(Payloads.parse("1634350208.745"), "t"));
        assertEquals(1634350208001L, GateParser.secondsToMillis(Payloads.parse("1634350208.001"), "t"));
        assertNull(GateParser.secondsToMillis(null, "t"));
        ExchangeException e = assertThrows(ExchangeException.class,
                () -> GateParser.secondsToMillis(Payloads.parse("\"soon\""), "gateio x current"));
        assertEquals("gateio x current is not a time in seconds: \"soon\"", e.getMessage());
    }

    @Test
    void errorObjectIsAnError() {
        ExchangeException e = assertThrows(ExchangeException.class,
                () -> GateParser.book(Payloads.json("gateio/error-contract.json"), BTC));

        assertEquals("gateio order_book BTC_USDT: CONTRACT_NOT_FOUND Contract not found", e.getMessage());
    }

    @Test
    void bookWithoutCurrentIsRejected() {
        ExchangeException e = assertThrows(ExchangeException.class, () -> GateParser.book(Payloads.parse(
                "{\"id\":1,\"asks\":[{\"p\":\"2\",\"s\":1}],\"bids\":[{\"p\":\"1\",\"s\":1}]}"), BTC));

        assertEquals("gateio order_book BTC_USDT: missing 'current'", e.getMessage());
    }

    @Test
    void contractWithoutQuantoIsRejected() {
        ExchangeException e = assertThrows(ExchangeException.class, () -> GateParser.instruments(Payloads.parse(
                "[{\"name\":\"BTC_USDT\",\"in_delisting\":false,\"status\":\"trading\"}]")));

        assertEquals("missing gateio contract BTC_USDT quanto_multiplier", e.getMessage());
    }

    @Test
    void tickersThatAreNotAnArrayAreRejected() {
        ExchangeException e = assertThrows(ExchangeException.class,
                () -> GateParser.tickers(Payloads.parse("{\"contract\":\"BTC_USDT\",\"last\":\"1\"}")));

        assertEquals("gateio tickers: expected an array", e.getMessage());
    }
}
