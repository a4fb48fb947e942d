package io.marketdata.emulator.market;

import java.math.BigDecimal;

/**
 * Exact decimal formatting of fixed-point values held as {@code unscaled × 10^-scale} longs.
 * Prices are kept as integer ticks and sizes as integer lots/contracts, so every number the
 * emulator prints is exact: no binary floating point ever reaches the wire.
 */
public final class Decimals {

    private Decimals() {
    }

    /** {@code unscaled × 10^-scale} with exactly {@code scale} decimals (a negative scale appends zeros). */
    public static String fixed(long unscaled, int scale) {
        if (scale <= 0) {
            if (unscaled == 0) {
                return "0";
            }
            StringBuilder sb = new StringBuilder(20 - scale).append(unscaled);
            for (int i = 0; i < -scale; i++) {
                sb.append('0');
            }
            return sb.toString();
        }
        boolean negative = unscaled < 0;
        String digits = Long.toString(Math.abs(unscaled));
        StringBuilder sb = new StringBuilder(digits.length() + scale + 3);
        if (negative) {
            sb.append('-');
        }
        if (digits.length() <= scale) {
            sb.append("0.");
            for (int i = digits.length(); i < scale; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            int point = digits.length() - scale;
            sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        return sb.toString();
    }

    /** Like {@link #fixed} but printed with {@code outScale ≥ scale} decimals (trailing zeros added). */
    public static String fixed(long unscaled, int scale, int outScale) {
        if (outScale <= scale) {
            return fixed(unscaled, scale);
        }
        if (scale < 0) {
            return fixed(unscaled, scale) + (outScale > 0 ? "." + "0".repeat(outScale) : "");
        }
        String s = fixed(unscaled, scale);
        StringBuilder sb = new StringBuilder(s.length() + outScale - scale + 1).append(s);
        if (scale == 0) {
            sb.append('.');
        }
        for (int i = scale; i < outScale; i++) {
            sb.append('0');
        }
        return sb.toString();
    }

    /** {@link #fixed} without trailing zeros (and without a trailing decimal point). */
    public static String stripped(long unscaled, int scale) {
        String s = fixed(unscaled, scale);
        if (scale <= 0 || s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        if (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    public static BigDecimal big(long unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale);
    }

    /** Plain string of a BigDecimal without trailing zeros ("0" for zero). */
    public static String plain(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toPlainString();
    }

    /** Plain string of a BigDecimal with exactly {@code scale} decimals. */
    public static String plain(BigDecimal value, int scale) {
        return value.setScale(scale, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
