package io.marketdata.collector.exchange.binance.live;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a market's live books stand: counts per state and, for each symbol fallen back to REST
 * polling, why (its last sync problem). Shown by the wellness check and in the statistics.
 */
public record LiveBookStatus(int synced, int syncing, int fallback, int connections, Map<String, String> fallbackReasons) {

    /** The shape of {@code get_statistics}' {@code live_books} entry. */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("synced", synced);
        out.put("syncing", syncing);
        out.put("fallback", fallback);
        out.put("connections", connections);
        out.put("fallback_symbols", fallbackReasons);
        return out;
    }
}
