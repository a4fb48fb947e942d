package io.marketdata.contracts;

import java.util.Locale;

/** The two market types on {@code futures_data}; the name is the routing-key prefix. */
public enum MarketType {
    FUTURES, SPOT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MarketType fromWire(String value) {
        for (MarketType type : values()) {
            if (type.wireName().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown market type: " + value);
    }
}
