package io.marketdata.emulator.binance.stream;

import io.marketdata.emulator.binance.BinanceLevels;
import io.marketdata.emulator.market.Instrument;
import io.marketdata.emulator.market.Venue;
import java.util.Locale;
import java.util.Set;

/**
 * A Binance market whose diff-depth streams the emulator serves. The two differ only in where they
 * live, which update speeds exist, how a level is printed (as their REST depth prints it) and in
 * the futures-only event fields {@code T} and {@code pu}.
 */
public enum StreamVenue {

    /** USD-M futures on the routed {@code /public} path ({@code wss://fstream.binance.com/public}). */
    FUTURES("binance-futures", Venue.BINANCE, "/binance-futures/public", Set.of("100", "250", "500"), true),
    /** Spot ({@code wss://stream.binance.com:9443}). */
    SPOT("binance-spot", Venue.BINANCE_SPOT, "/binance-spot", Set.of("100"), false);

    private final String id;
    private final Venue venue;
    private final String pathPrefix;
    private final Set<String> speedsMs;
    private final boolean futures;

    StreamVenue(String id, Venue venue, String pathPrefix, Set<String> speedsMs, boolean futures) {
        this.id = id;
        this.venue = venue;
        this.pathPrefix = pathPrefix;
        this.speedsMs = speedsMs;
        this.futures = futures;
    }

    /** Name in the admin API ({@code /_emulator/streams/{id}}). */
    public String id() {
        return id;
    }

    /** The market model's venue, whose instruments and books the streams carry. */
    public Venue venue() {
        return venue;
    }

    /** Where {@code /ws} and {@code /stream} live. */
    public String pathPrefix() {
        return pathPrefix;
    }

    /** Update speeds a {@code <symbol>@depth@<n>ms} stream may name. */
    boolean hasSpeed(String ms) {
        return speedsMs.contains(ms);
    }

    /** Futures events carry the transaction time {@code T} and the previous event's id {@code pu}. */
    boolean futures() {
        return futures;
    }

    String price(Instrument i, long ticks) {
        return futures ? BinanceLevels.futuresPrice(i, ticks) : BinanceLevels.spotPrice(i, ticks);
    }

    String quantity(Instrument i, long units) {
        return futures ? BinanceLevels.futuresQuantity(i, units) : BinanceLevels.spotQuantity(i, units);
    }

    /** By admin id; {@code binance} (the REST admin name of futures) is accepted too. Null when unknown. */
    public static StreamVenue byId(String id) {
        if (id == null) {
            return null;
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        if (wanted.equals(Venue.BINANCE.id())) {
            return FUTURES;
        }
        for (StreamVenue v : values()) {
            if (v.id.equals(wanted)) {
                return v;
            }
        }
        return null;
    }
}
