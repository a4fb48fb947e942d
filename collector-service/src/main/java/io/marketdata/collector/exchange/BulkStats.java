package io.marketdata.collector.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Bulk (all-symbols) ticker and funding answers, keyed by native id. */
public final class BulkStats {

    private BulkStats() {
    }

    /** Reads the stats of one entry; {@code what} ends with a space, ready for a field name. */
    @FunctionalInterface
    public interface Entry {
        MarketStats read(JsonNode entry, String what) throws ExchangeException;
    }

    /**
     * The stats of every entry of {@code entries}, keyed by its {@code idField}; entries without one
     * are skipped. Each entry is read with {@code what = prefix + id + " "}.
     */
    public static Map<String, MarketStats> byId(JsonNode entries, String idField, String prefix, Entry entry)
            throws ExchangeException {
        Map<String, MarketStats> out = new HashMap<>();
        for (JsonNode e : entries) {
            String id = e.path(idField).asText("");
            if (id.isEmpty()) {
                continue;
            }
            out.put(id, entry.read(e, prefix + id + " "));
        }
        return out;
    }

    /** The entries of {@code all} that belong to {@code instruments}. */
    public static Map<String, MarketStats> select(Map<String, MarketStats> all, Collection<Instrument> instruments) {
        Map<String, MarketStats> out = new HashMap<>();
        for (Instrument instrument : instruments) {
            MarketStats stats = all.get(instrument.nativeId());
            if (stats != null) {
                out.put(instrument.nativeId(), stats);
            }
        }
        return out;
    }
}
