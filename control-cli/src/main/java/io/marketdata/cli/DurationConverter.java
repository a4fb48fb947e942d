package io.marketdata.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code --timeout}: {@code 500ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, plain seconds
 * ({@code 10}, {@code 2.5}) or ISO-8601 ({@code PT10S}). The result must be positive.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        if (text.startsWith("pt")) {
            try {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(value);
            }
        } else {
            Matcher matcher = AMOUNT_AND_UNIT.matcher(text);
            if (!matcher.matches()) {
                throw invalid(value);
            }
            BigDecimal amount = new BigDecimal(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            BigDecimal millisPerUnit = switch (unit) {
                case "ms" -> BigDecimal.ONE;
                case "s" -> BigDecimal.valueOf(1_000);
                case "m" -> BigDecimal.valueOf(60_000);
                case "h" -> BigDecimal.valueOf(3_600_000);
                default -> throw invalid(value);
            };
            BigDecimal millis = amount.multiply(millisPerUnit);
            if (millis.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                throw new TypeConversionException("'" + value + "' is too long a duration");
            }
            duration = Duration.ofMillis(millis.longValue());
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException("'" + value + "' must be a positive duration");
        }
        return duration;
    }

    /** Short human form used in messages: {@code 10s}, {@code 500ms}, {@code 1.5s}, {@code 2m}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis >= 60_000) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        if (millis > 1_000) {
            return BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString() + "s";
        }
        return millis + "ms";
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException(
                "'" + value + "' is not a duration: use e.g. 10s, 500ms, 2m or a number of seconds");
    }
}
