package io.marketdata.emulator.faults;

import java.util.Locale;

/** The ways a venue can be made to fail. */
public enum FaultMode {
    /** HTTP 500 with the venue's JSON error body. */
    HTTP500("http500"),
    /** HTTP 429 with {@code Retry-After}. */
    HTTP429("http429"),
    /** HTTP 418 with {@code Retry-After} (Binance's IP ban). */
    HTTP418("http418"),
    /** The normal response, delayed by {@code delay_ms} without blocking anything else. */
    SLOW("slow"),
    /** HTTP 200 whose body is the real response cut in half: invalid JSON. */
    MALFORMED("malformed");

    private final String wire;

    FaultMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static FaultMode parse(String s) {
        if (s == null) {
            return null;
        }
        String wanted = s.toLowerCase(Locale.ROOT);
        for (FaultMode m : values()) {
            if (m.wire.equals(wanted)) {
                return m;
            }
        }
        return null;
    }
}
