package io.marketdata.lifecycle.rules;

import java.util.Locale;
import java.util.Optional;

/** The lifecycle states (SPEC §7; the seeds' "Initial" is {@link #MONITORING}). */
public enum Status {
    MONITORING, ACTIVE, ARCHIVED;

    /** The name on the wire, in the database and in the API: {@code monitoring}, {@code active}, {@code archived}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown status '" + value + "'"));
    }

    public static Optional<Status> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Status s : values()) {
            if (s.wire().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
