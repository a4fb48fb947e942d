package io.marketdata.orderbook.api;

import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.orderbook.bands.Depths;
import io.marketdata.orderbook.history.SeriesKey;
import io.marketdata.orderbook.indices.IndexCalculator;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Validation of the query parameters shared by the routes; every failure is a 400 naming the field. */
public final class Params {

    private static final Pattern ROUTING_SYMBOL = Pattern.compile("^[A-Z0-9]{3,30}$");
    /** No market data before 2009 (and no typo such as seconds for milliseconds). */
    private static final long EARLIEST = Instant.parse("2009-01-01T00:00:00Z").toEpochMilli();

    /** A validated time range, epoch ms, inclusive. */
    public record Range(long from, long to) {
    }

    private Params() {
    }

    public static String exchange(String value) {
        String v = required("exchange", value).toLowerCase(Locale.ROOT);
        if (!RoutingKeys.FUTURES_EXCHANGES.contains(v)) {
            throw ApiException.badRequest("exchange", "exchange must be one of binance, bybit, bitget, htx, gateio");
        }
        return v;
    }

    /** {@code futures} or {@code spot} (the seed's FUTURES/SPOT accepted). */
    public static String market(String field, String value) {
        String v = required(field, value).toLowerCase(Locale.ROOT);
        if (!v.equals("futures") && !v.equals("spot")) {
            throw ApiException.badRequest(field, field + " must be futures or spot");
        }
        return v;
    }

    /** {@code BTCUSDT}, or the unified {@code BTC/USDT:USDT} / {@code BTC/USDT}; returns the routing form. */
    public static String symbol(String value) {
        String v = required("symbol", value).trim();
        if (v.contains("/")) {
            return UnifiedSymbol.parse(v).map(UnifiedSymbol::routingSymbol).orElseThrow(() -> ApiException.badRequest("symbol",
                    "malformed symbol '" + v + "': use BTCUSDT or BTC/USDT:USDT"));
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (!ROUTING_SYMBOL.matcher(upper).matches()) {
            throw ApiException.badRequest("symbol", "malformed symbol '" + v + "': use BTCUSDT or BTC/USDT:USDT");
        }
        return upper;
    }

    public static SeriesKey book(String exchange, String market, String symbol) {
        String s = symbol(symbol);
        return new SeriesKey(exchange(exchange), market("market", market), s, s);
    }

    /** The history routes take the seed's {@code marketType} or {@code market}; errors name the one given. */
    public static SeriesKey book(String exchange, String marketType, String market, String symbol) {
        String s = symbol(symbol);
        String m = marketType != null ? market("marketType", marketType) : market("market", market);
        return new SeriesKey(exchange(exchange), m, s, s);
    }

    public static String indexName(String value) {
        String v = required("name", value).toUpperCase(Locale.ROOT);
        if (!IndexCalculator.NAMES.contains(v)) {
            throw ApiException.badRequest("name", "index must be one of " + IndexCalculator.NAMES);
        }
        return v;
    }

    /** One of the six depths. */
    public static double depth(String value) {
        String v = required("depth", value);
        try {
            double d = Double.parseDouble(v);
            OptionalInt i = Depths.indexOf(d);
            if (i.isPresent()) {
                return d;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("depth", "depth must be one of " + Depths.describe() + ", not '" + v + "'");
    }

    public static int depthIndex(double depth) {
        return Depths.indexOf(depth).getAsInt();
    }

    /** {@code bid}, {@code ask} or {@code both}. */
    public static String side(String value) {
        String v = value == null || value.isBlank() ? "both" : value.toLowerCase(Locale.ROOT);
        if (!v.equals("bid") && !v.equals("ask") && !v.equals("both")) {
            throw ApiException.badRequest("type", "type must be bid, ask or both");
        }
        return v;
    }

    /**
     * The range [from, to]: epoch milliseconds or ISO-8601 instants; {@code to} defaults to now and
     * {@code from} to {@code to − defaultSpan}. Rejects from > to, ranges longer than {@code max}, and
     * times before 2009 or more than a day ahead.
     */
    public static Range range(String from, String to, Duration defaultSpan, Duration max, long nowMs) {
        long t = to == null || to.isBlank() ? nowMs : instant("to", to);
        long f = from == null || from.isBlank() ? t - defaultSpan.toMillis() : instant("from", from);
        if (f > t) {
            throw ApiException.badRequest("from", "from must not be after to");
        }
        if (t - f > max.toMillis()) {
            throw ApiException.badRequest("from", "range longer than " + max.toDays() + " days");
        }
        if (t > nowMs + 86_400_000L) {
            throw ApiException.badRequest("to", "to is more than a day in the future");
        }
        return new Range(f, t);
    }

    private static long instant(String field, String value) {
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit) && !v.isEmpty() && v.length() <= 15) {
            long ms = Long.parseLong(v);
            if (ms < EARLIEST) {
                throw ApiException.badRequest(field, field + " must be epoch milliseconds (or ISO-8601) after 2009");
            }
            return ms;
        }
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be epoch milliseconds or ISO-8601, not '" + value + "'");
        }
    }

    /** {@code 1h} or {@code 1d} (roll-ups), or {@code 1m} where minutes are allowed. */
    public static String interval(String value, boolean minutesAllowed) {
        String v = value == null || value.isBlank() ? "1h" : value.toLowerCase(Locale.ROOT);
        if (v.equals("1h") || v.equals("1d") || (minutesAllowed && v.equals("1m"))) {
            return v;
        }
        throw ApiException.badRequest("interval", "interval must be " + (minutesAllowed ? "1m, " : "") + "1h or 1d");
    }

    /** {@code json} (default) or {@code csv}. */
    public static boolean csv(String format) {
        if (format == null || format.isBlank() || format.equalsIgnoreCase("json")) {
            return false;
        }
        if (format.equalsIgnoreCase("csv")) {
            return true;
        }
        throw ApiException.badRequest("format", "format must be json or csv");
    }

    public static int limit(Integer value, int max) {
        if (value == null) {
            return max;
        }
        if (value < 1 || value > max) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + max);
        }
        return value;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, field + " is required");
        }
        return value;
    }
}
