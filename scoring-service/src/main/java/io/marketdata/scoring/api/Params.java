package io.marketdata.scoring.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Validation of query and path parameters; every failure is a 400 naming the field. */
public final class Params {

    /** A Solana address (base58, 32–44 characters), as in the message schemas. */
    private static final Pattern MINT = Pattern.compile("^[1-9A-HJ-NP-Za-km-z]{32,44}$");
    /** No token before 2020 (and no typo such as seconds for milliseconds). */
    private static final long EARLIEST = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();

    /** A validated time range, epoch ms, inclusive. */
    public record Range(long from, long to) {
    }

    private Params() {
    }

    public static String mint(String value) {
        if (value == null || !MINT.matcher(value).matches()) {
            throw ApiException.badRequest("mint", "mint must be a base58 Solana address (32–44 characters)");
        }
        return value;
    }

    /** [from, to]: epoch milliseconds or ISO-8601; {@code to} defaults to now, {@code from} to {@code to − defaultSpan}. */
    public static Range range(String from, String to, Duration defaultSpan, long nowMs) {
        long t = to == null || to.isBlank() ? nowMs : instant("to", to);
        long f = from == null || from.isBlank() ? t - defaultSpan.toMillis() : instant("from", from);
        if (f > t) {
            throw ApiException.badRequest("from", "from must not be after to");
        }
        return new Range(f, t);
    }

    static long instant(String field, String value) {
        String v = value.trim();
        if (!v.isEmpty() && v.length() <= 15 && v.chars().allMatch(Character::isDigit)) {
            long ms = Long.parseLong(v);
            if (ms < EARLIEST) {
                throw ApiException.badRequest(field, field + " must be epoch milliseconds (or ISO-8601) after 2020");
            }
            return ms;
        }
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be epoch milliseconds or ISO-8601, not '" + value + "'");
        }
    }

    /** 1 … max; {@code fallback} when absent. */
    public static int limit(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("limit", "limit must be a whole number between 1 and " + max);
    }

    /** A finite number; {@code fallback} when absent. */
    public static double number(String field, String value, double fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(field, field + " must be a number");
    }

    /** {@code true}/{@code false}; {@code fallback} when absent. */
    public static boolean bool(String field, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiException.badRequest(field, field + " must be true or false");
    }
}
