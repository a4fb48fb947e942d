package io.marketdata.emulator.binance.stream;

import io.marketdata.emulator.market.Instrument;
import io.marketdata.emulator.market.MarketModel;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stream names as clients write them. Any plausible name can be subscribed (Binance accepts
 * {@code btcusdt@markPrice} on {@code /public} and simply sends nothing); only lower-case
 * {@code <symbol>@depth[@<n>ms]} names of a listed symbol resolve to a book that produces events.
 */
final class StreamNames {

    /** What a subscribable name may contain: no spaces, quotes, slashes or control characters. */
    private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9_.@!-]{1,100}");
    /** The diff-depth streams; the character set also makes names safe to embed in JSON unescaped. */
    private static final Pattern DEPTH = Pattern.compile("([a-z0-9]+)@depth(?:@([0-9]+)ms)?");

    private StreamNames() {
    }

    static boolean plausible(String name) {
        return name != null && PLAUSIBLE.matcher(name).matches();
    }

    /** The instrument whose diff-depth stream {@code name} is, or null when it is none (or not listed). */
    static Instrument depthInstrument(MarketModel model, StreamVenue venue, String name) {
        Matcher m = DEPTH.matcher(name);
        if (!m.matches()) {
            return null;
        }
        String speed = m.group(2);
        if (speed != null && !venue.hasSpeed(speed)) {
            return null;
        }
        return model.byNative(venue.venue(), m.group(1).toUpperCase(Locale.ROOT));
    }

    /** The names of {@code streams=a/b/c} in a raw query string (percent-decoded), in order. */
    static List<String> fromQuery(String query) {
        List<String> names = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return names;
        }
        for (String param : query.split("&")) {
            int eq = param.indexOf('=');
            if (eq < 0 || !"streams".equals(decode(param.substring(0, eq)))) {
                continue;
            }
            for (String name : decode(param.substring(eq + 1)).split("/")) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** A raw-stream path segment, percent-decoded when the client encoded it ({@code btcusdt%40depth}). */
    static String fromPath(String segment) {
        return segment == null ? "" : decode(segment);
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
