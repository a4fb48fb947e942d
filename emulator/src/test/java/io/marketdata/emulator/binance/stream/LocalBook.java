package io.marketdata.emulator.binance.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client's local order book as Binance documents it: a REST snapshot, then diff-depth events
 * applied with absolute quantities ("0" removes the level). Levels keep the strings they arrived
 * with, so the comparison with a later snapshot is exact, formatting included.
 */
final class LocalBook {

    private final TreeMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, String[]> asks = new TreeMap<>();
    private long updateId;

    LocalBook(JsonNode snapshot) {
        load(bids, snapshot.get("bids"));
        load(asks, snapshot.get("asks"));
        updateId = snapshot.get("lastUpdateId").asLong();
    }

    long updateId() {
        return updateId;
    }

    void apply(JsonNode event) {
        load(bids, event.get("b"));
        load(asks, event.get("a"));
        updateId = event.get("u").asLong();
    }

    private static void load(Map<BigDecimal, String[]> side, JsonNode levels) {
        for (JsonNode level : levels) {
            String price = level.get(0).asText();
            String qty = level.get(1).asText();
            if (new BigDecimal(qty).signum() == 0) {
                side.remove(new BigDecimal(price));
            } else {
                side.put(new BigDecimal(price), new String[] {price, qty});
            }
        }
    }

    /** Every level equals the snapshot's, in order, as the same strings; and there are no others. */
    void assertEqualsSnapshot(JsonNode snapshot) {
        assertSide("bids", bids, snapshot.get("bids"));
        assertSide("asks", asks, snapshot.get("asks"));
    }

    private static void assertSide(String name, TreeMap<BigDecimal, String[]> local, JsonNode expected) {
        List<String[]> levels = List.copyOf(local.values());
        assertEquals(expected.size(), levels.size(), name + " level count");
        for (int k = 0; k < expected.size(); k++) {
            String[] l = levels.get(k);
            assertEquals(expected.get(k).get(0).asText() + " " + expected.get(k).get(1).asText(), l[0] + " " + l[1],
                    name + " level #" + k);
        }
    }
}
