package io.marketdata.emulator.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Decimal literals for model values that are doubles (token prices, pool reserves, volumes), printed
 * the way JavaScript-backed APIs (DexScreener, PumpPortal) print them: plain notation, no exponent.
 */
public final class JsonNumbers {

    private JsonNumbers() {
    }

    /** {@code value} rounded to {@code scale} decimals, trailing zeros dropped ({@code 163}, {@code 1.09}). */
    public static String fixed(double value, int scale) {
        return strip(new BigDecimal(value).setScale(scale, RoundingMode.HALF_EVEN));
    }

    /** {@code value} to {@code digits} significant digits, trailing zeros kept ({@code 0.001570}). */
    public static String significant(double value, int digits) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN)).toPlainString();
    }

    /** The shortest decimal that reads back as {@code value} ({@code 30.79012345499999}), without exponent. */
    public static String plain(double value) {
        return strip(BigDecimal.valueOf(value));
    }

    private static String strip(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }
}
