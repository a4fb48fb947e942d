package io.marketdata.emulator.binance.stream;

import io.marketdata.emulator.market.Instrument;
import io.marketdata.emulator.web.JsonWriter;

/**
 * Renders a diff-depth event in Binance's wire shape. Futures:
 * {@code {"e":"depthUpdate","E":…,"T":…,"s":"BTCUSDT","U":…,"u":…,"pu":…,"b":[["p","q"]],"a":[…]}};
 * spot has no {@code T} and no {@code pu}.
 */
final class DepthEventWriter {

    private DepthEventWriter() {
    }

    /**
     * @param firstId     {@code U}: the first update id the event covers
     * @param lastId      {@code u}: the last update id the event covers
     * @param eventTimeMs {@code E}
     * @param txTimeMs    {@code T} (futures only): when the market reached this book
     */
    static String render(StreamVenue venue, Instrument i, long firstId, long lastId, long eventTimeMs, long txTimeMs,
            BookDiff diff) {
        JsonWriter w = new JsonWriter((diff.bidCount() + diff.askCount()) * 32 + 160).beginObject()
                .field("e", "depthUpdate")
                .field("E", eventTimeMs);
        if (venue.futures()) {
            w.field("T", txTimeMs);
        }
        w.field("s", i.nativeId())
                .field("U", firstId)
                .field("u", lastId);
        if (venue.futures()) {
            // The previous event's u: ids are consecutive, so it is the id just before U.
            w.field("pu", firstId - 1);
        }
        w.name("b").beginArray();
        for (int k = 0; k < diff.bidCount(); k++) {
            level(w, venue, i, diff.bidPrice(k), diff.bidUnits(k));
        }
        w.endArray().name("a").beginArray();
        for (int k = 0; k < diff.askCount(); k++) {
            level(w, venue, i, diff.askPrice(k), diff.askUnits(k));
        }
        return w.endArray().endObject().toString();
    }

    private static void level(JsonWriter w, StreamVenue venue, Instrument i, long priceTicks, long units) {
        w.beginArray().str(venue.price(i, priceTicks)).str(venue.quantity(i, units)).endArray();
    }
}
