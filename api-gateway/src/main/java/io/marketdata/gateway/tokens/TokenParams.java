package io.marketdata.gateway.tokens;

import io.marketdata.gateway.http.ApiException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks on the token routes' parameters: a bad value is a 400 naming the field. */
public final class TokenParams {

    /** A Solana address: base58 (no 0, O, I, l), 32–44 characters. */
    public static final Pattern MINT = Pattern.compile("^[1-9A-HJ-NP-Za-km-z]{32,44}$");

    private TokenParams() {
    }

    public static String mint(String value) {
        if (value == null || !MINT.matcher(value).matches()) {
            throw ApiException.badRequest("mint", "mint must be a base58 address of 32–44 characters");
        }
        return value;
    }

    public static String oneOf(String field, String value, Set<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ApiException.badRequest(field, field + " must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return v;
    }
}
