package io.marketdata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolsTest {

    @Test
    void splitsOnCommasTrimsAndDropsBlanks() {
        assertEquals(List.of("BTC/USDT:USDT", "SOL/USDT:USDT", "ETH/USDT:USDT"),
                Symbols.split(List.of(" BTC/USDT:USDT , SOL/USDT:USDT,,", "  ", "ETH/USDT:USDT")));
    }

    @Test
    void nothingButBlanksAndCommasIsEmpty() {
        assertEquals(List.of(), Symbols.split(List.of(" , ,", "")));
    }

    @Test
    void symbolsAreNotJudgedOrRewritten() {
        assertEquals(List.of("sol/usdt:usdt", "BTCUSDT"), Symbols.split(List.of("sol/usdt:usdt,BTCUSDT")));
    }
}
