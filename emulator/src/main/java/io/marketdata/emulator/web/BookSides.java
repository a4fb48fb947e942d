package io.marketdata.emulator.web;

import io.marketdata.emulator.market.Instrument;
import io.marketdata.emulator.market.OrderBook;

/**
 * Book sides in the venues' wire shapes: one array of levels, best first, where each venue decides
 * how a level is printed ({@code ["price","size"]}, {@code [price, contracts]}, {"p":…,"s":…}).
 */
public final class BookSides {

    private BookSides() {
    }

    /** Prints one level: its price in ticks and its size in units (lots or contracts). */
    @FunctionalInterface
    public interface Level {
        void write(JsonWriter w, long priceTicks, long units);
    }

    /** The first {@code limit} levels of one side of {@code book} (all when fewer) as the array {@code name}. */
    public static void write(JsonWriter w, String name, OrderBook book, boolean bids, int limit, Level level) {
        w.name(name).beginArray();
        int n = Math.min(limit, bids ? book.bidCount() : book.askCount());
        for (int k = 0; k < n; k++) {
            long price = bids ? book.bidPrice(k) : book.askPrice(k);
            long units = bids ? book.bidUnits(k) : book.askUnits(k);
            level.write(w, price, units);
        }
        w.endArray();
    }

    /** {@code ["price","size"]}: both strings, the price in ticks and the size in base units of {@code i}. */
    public static Level stringPairs(Instrument i) {
        return (w, price, units) -> w.beginArray().str(i.price(price)).str(i.baseSize(units)).endArray();
    }
}
