package io.marketdata.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnifiedSymbolTest {

    @Test
    void perpetualToRoutingKey() {
        UnifiedSymbol symbol = UnifiedSymbol.of("BTC/USDT:USDT");
        assertTrue(symbol.isPerpetual());
        assertEquals("BTCUSDT", symbol.routingSymbol());
        assertEquals("futures.binance.BTCUSDT", RoutingKeys.marketData("binance", symbol));
        assertEquals("BTC/USDT:USDT", symbol.toString());
    }

    @Test
    void spotAndMultiplierBases() {
        UnifiedSymbol spot = UnifiedSymbol.of("eth/usdt");
        assertFalse(spot.isPerpetual());
        assertEquals("spot.binance.ETHUSDT", RoutingKeys.marketData("binance", spot));
        assertEquals("1000PEPEUSDT", UnifiedSymbol.of("1000PEPE/USDT:USDT").routingSymbol());
    }

    @Test
    void malformedSymbolsAreRejected() {
        for (String bad : new String[] {"BTCUSDT", "BTC-USDT", "/USDT", "BTC/", "BTC/USDT:", "BTC/USDT:USDT:X", "", " "}) {
            assertTrue(UnifiedSymbol.parse(bad).isEmpty(), bad);
        }
        assertTrue(UnifiedSymbol.parse(null).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnifiedSymbol.of("BTCUSDT"));
        assertTrue(e.getMessage().contains("BASE/QUOTE:SETTLE"));
    }

    @Test
    void otherRoutingKeys() {
        assertEquals("depth.binance.futures.BTCUSDT", RoutingKeys.depth("binance", MarketType.FUTURES, "BTCUSDT"));
        assertEquals("index.TOTAL2", RoutingKeys.index("TOTAL2"));
        assertEquals("control.response.add_symbol", Topology.controlResponseKey("add_symbol"));
        assertEquals("futures_collector_control.dlq", Topology.deadLetterQueue(Topology.CONTROL_QUEUE));
        assertTrue(RoutingKeys.isRoutingSymbol("BTCUSDT"));
        assertFalse(RoutingKeys.isRoutingSymbol("btc/usdt"));
    }
}
