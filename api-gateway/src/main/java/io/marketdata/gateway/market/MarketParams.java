package io.marketdata.gateway.market;

import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.UnifiedSymbol;
import io.marketdata.gateway.http.ApiErrors;
import io.marketdata.gateway.http.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks on the market-data parameters before anything is asked of a service (SPEC §9.1): a bad value
 * is a 400 naming the field. Values come back normalized (lower-case exchange, routing symbol, epoch
 * ms), so equal questions make equal upstream calls and share the gateway's short cache.
 */
public final class MarketParams {

    public static final List<String> DEPTHS = List.of("1.5", "3", "5", "8", "15", "30");
    public static final List<String> INDICES = List.of("TOTAL", "TOTAL1", "TOTAL2", "OTHERS");
    private static final Pattern ROUTING_SYMBOL = Pattern.compile("^[A-Z0-9]{3,30}$");
    private static final long EARLIEST = Instant.parse("2009-01-01T00:00:00Z").toEpochMilli();
    /** Minute data: 60 days are kept (orderbook retention); roll-ups: a little over a year. */
    public static final Duration MAX_MINUTE_RANGE = Duration.ofDays(62);
    public static final Duration MAX_ROLLUP_RANGE = Duration.ofDays(400);

    private MarketParams() {
    }

    public static String exchange(String value) {
        String v = required("exchange", value).toLowerCase(Locale.ROOT);
        if (!RoutingKeys.FUTURES_EXCHANGES.contains(v)) {
            throw ApiException.badRequest("exchange", "exchange must be one of binance, bybit, bitget, htx, gateio");
        }
        return v;
    }

    public static String market(String field, String value) {
        String v = required(field, value).toLowerCase(Locale.ROOT);
        if (!v.equals("futures") && !v.equals("spot")) {
            throw ApiException.badRequest(field, field + " must be futures or spot");
        }
        return v;
    }

    /** {@code BTCUSDT} or {@code BTC/USDT:USDT} → {@code BTCUSDT}. */
    public static String symbol(String value) {
        String v = required("symbol", value).trim();
        if (v.contains("/")) {
            return UnifiedSymbol.parse(v).map(UnifiedSymbol::routingSymbol).orElseThrow(() -> malformed(v));
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (!ROUTING_SYMBOL.matcher(upper).matches()) {
            throw malformed(v);
        }
        return upper;
    }

    /** One of 1.5, 3, 5, 8, 15, 30, in that spelling. */
    public static String depth(String value) {
        String v = required("depth", value).trim();
        try {
            double d = Double.parseDouble(v);
            for (String depth : DEPTHS) {
                if (Double.parseDouble(depth) == d) {
                    return depth;
                }
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("depth", "depth must be one of 1.5, 3, 5, 8, 15, 30, not '" + ApiErrors.echo(v) + "'");
    }

    public static String optionalDepth(String value) {
        return value == null || value.isBlank() ? null : depth(value);
    }

    public static String side(String value) {
        String v = value == null || value.isBlank() ? "both" : value.toLowerCase(Locale.ROOT);
        if (!v.equals("bid") && !v.equals("ask") && !v.equals("both")) {
            throw ApiException.badRequest("type", "type must be bid, ask or both");
        }
        return v;
    }

    public static String interval(String value, boolean minutesAllowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("1h") || v.equals("1d") || (minutesAllowed && v.equals("1m"))) {
            return v;
        }
        throw ApiException.badRequest("interval", "interval must be " + (minutesAllowed ? "1m, " : "") + "1h or 1d");
    }

    public static String index(String value) {
        String v = required("name", value).toUpperCase(Locale.ROOT);
        if (!INDICES.contains(v)) {
            throw ApiException.badRequest("name", "index must be one of " + String.join(", ", INDICES));
        }
        return v;
    }

    /** {@code csv} or null (JSON). */
    public static String format(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("json")) {
            return null;
        }
        if (value.equalsIgnoreCase("csv")) {
            return "csv";
        }
        throw ApiException.badRequest("format", "format must be json or csv");
    }

    public static Integer limit(Integer value, int max) {
        if (value != null && (value < 1 || value > max)) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + max);
        }
        return value;
    }

    /**
     * A time range given as epoch ms or ISO-8601; either end may be absent (the service's default
     * applies, and the cache key stays the same from one request to the next). Rejects unparseable
     * values, times before 2009 or over a day ahead, from after to, and ranges longer than {@code max}.
     */
    public record Range(Long from, Long to) {
    }

    public static Range range(String from, String to, Duration max, long nowMs) {
        Long f = instant("from", from);
        Long t = instant("to", to);
        if (t != null && t > nowMs + 86_400_000L) {
            throw ApiException.badRequest("to", "to is more than a day in the future");
        }
        long end = t == null ? nowMs : t;
        if (f != null && f > end) {
            throw ApiException.badRequest("from", "from must not be after to");
        }
        if (f != null && end - f > max.toMillis()) {
            throw ApiException.badRequest("from", "range longer than " + max.toDays() + " days");
        }
        return new Range(f, t);
    }

    private static Long instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        long ms;
        if (!v.isEmpty() && v.length() <= 15 && v.chars().allMatch(Character::isDigit)) {
            ms = Long.parseLong(v);
        } else {
            try {
                ms = Instant.parse(v).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(field,
                        field + " must be epoch milliseconds or ISO-8601, not '" + ApiErrors.echo(value) + "'");
            }
        }
        if (ms < EARLIEST) {
            throw ApiException.badRequest(field, field + " must be epoch milliseconds (or ISO-8601) after 2009");
        }
        return ms;
    }

    private static ApiException malformed(String v) {
        return ApiException.badRequest("symbol", "malformed symbol '" + ApiErrors.echo(v) + "': use BTCUSDT or BTC/USDT:USDT");
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, field + " is required");
        }
        return value;
    }
}
