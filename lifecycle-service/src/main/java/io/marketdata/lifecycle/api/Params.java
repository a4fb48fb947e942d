package io.marketdata.lifecycle.api;

import io.marketdata.lifecycle.rules.Status;
import io.marketdata.lifecycle.tokens.TokenQueries;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation of path and query parameters; every failure is a 400 naming the field. */
public final class Params {

    /** Solana addresses: base58, 32–44 characters (the contracts' pattern). */
    private static final Pattern MINT = Pattern.compile("^[1-9A-HJ-NP-Za-km-z]{32,44}$");
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Params() {
    }

    public static String mint(String value) {
        if (value == null || !MINT.matcher(value).matches()) {
            throw ApiException.badRequest("mint", "mint must be a base58 address of 32 to 44 characters");
        }
        return value;
    }

    /** null (every status) or one of monitoring, active, archived. */
    public static Status status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Status.parse(value.trim().toLowerCase(Locale.ROOT)).orElseThrow(
                () -> ApiException.badRequest("status", "status must be monitoring, active or archived"));
    }

    /** score (default: smoothed score), created or updated. */
    public static TokenQueries.Sort sort(String value) {
        if (value == null || value.isBlank()) {
            return TokenQueries.Sort.SCORE;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "score" -> TokenQueries.Sort.SCORE;
            case "created" -> TokenQueries.Sort.CREATED;
            case "updated" -> TokenQueries.Sort.UPDATED;
            default -> throw ApiException.badRequest("sort", "sort must be score, created or updated");
        };
    }

    /** True for ascending; descending is the default. */
    public static boolean ascending(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw ApiException.badRequest("order", "order must be desc or asc");
        };
    }

    /** 1 … {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}. */
    public static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
