package io.marketdata.emulator.binance;

import io.marketdata.emulator.market.Decimals;
import io.marketdata.emulator.market.Instrument;

/**
 * How Binance prints a book level's price and quantity, shared by the REST depth and the diff-depth
 * streams so both print a level identically: futures use the symbol's own precisions
 * ({@code "65000.10"}, {@code "0.005"}), spot always 8 decimals ({@code "65000.10000000"}).
 */
public final class BinanceLevels {

    private BinanceLevels() {
    }

    public static String futuresPrice(Instrument i, long ticks) {
        return i.price(ticks);
    }

    public static String futuresQuantity(Instrument i, long units) {
        return i.baseSize(units);
    }

    public static String spotPrice(Instrument i, long ticks) {
        return Decimals.fixed(ticks, i.tickScale(), 8);
    }

    public static String spotQuantity(Instrument i, long units) {
        return Decimals.fixed(units, -i.unitExp(), 8);
    }
}
