package io.marketdata.gateway.push;

import java.util.Locale;

/** The three WebSocket channels; the name is the envelope's {@code channel} and the metrics' tag. */
public enum PushChannel {
    DEPTH, SCORES, INDICES;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
