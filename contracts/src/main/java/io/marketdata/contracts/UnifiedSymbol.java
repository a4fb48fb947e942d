package io.marketdata.contracts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A symbol in the unified form {@code BASE/QUOTE:SETTLE} (perpetual) or {@code BASE/QUOTE} (spot),
 * and its routing form {@code BASEQUOTE} used in routing keys.
 */
public record UnifiedSymbol(String base, String quote, String settle) {

    private static final Pattern FORM = Pattern.compile("^([A-Z0-9]{1,20})/([A-Z0-9]{2,10})(?::([A-Z0-9]{2,10}))?$");

    public UnifiedSymbol {
        if (base == null || quote == null) {
            throw new IllegalArgumentException("base and quote are required");
        }
    }

    /** Parses a unified symbol (case-insensitive, surrounding blanks ignored). */
    public static Optional<UnifiedSymbol> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new UnifiedSymbol(m.group(1), m.group(2), m.group(3)));
    }

    /** Parses or throws {@link IllegalArgumentException} naming the expected form. */
    public static UnifiedSymbol of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(
                "malformed symbol '" + text + "': expected BASE/QUOTE:SETTLE (e.g. BTC/USDT:USDT) or BASE/QUOTE"));
    }

    public static UnifiedSymbol perpetual(String base, String quote, String settle) {
        return new UnifiedSymbol(base, quote, settle);
    }

    public boolean isPerpetual() {
        return settle != null;
    }

    public MarketType market() {
        return isPerpetual() ? MarketType.FUTURES : MarketType.SPOT;
    }

    /** {@code BTC/USDT:USDT} → {@code BTCUSDT}. */
    public String routingSymbol() {
        return base + quote;
    }

    @Override
    public String toString() {
        return settle == null ? base + "/" + quote : base + "/" + quote + ":" + settle;
    }
}
