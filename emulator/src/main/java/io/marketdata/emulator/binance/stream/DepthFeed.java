package io.marketdata.emulator.binance.stream;

import io.marketdata.emulator.market.Instrument;
import io.marketdata.emulator.market.OrderBook;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The diff-depth stream of one instrument, shared by every connection subscribed to it: each tick's
 * event is computed once and sent to all of them. The sender owns {@link #lastTick()} and the book
 * it last diffed against; subscriptions come and go from the connections' threads.
 */
final class DepthFeed {

    private final Instrument instrument;
    private final StreamVenue venue;
    private final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
    private volatile long lastTick;
    private volatile OrderBook lastBook;

    /** A feed whose first event will be the one of the tick after {@code startTick}. */
    DepthFeed(Instrument instrument, StreamVenue venue, long startTick) {
        this.instrument = instrument;
        this.venue = venue;
        this.lastTick = startTick;
    }

    Instrument instrument() {
        return instrument;
    }

    StreamVenue venue() {
        return venue;
    }

    Set<Subscription> subscribers() {
        return subscribers;
    }

    boolean idle() {
        return subscribers.isEmpty();
    }

    /** The last tick whose event was produced (sent, withheld or skipped). */
    long lastTick() {
        return lastTick;
    }

    /** The book at {@link #lastTick()} when the sender kept it, else null. */
    OrderBook lastBook() {
        return lastBook;
    }

    void advance(long tick, OrderBook book) {
        lastBook = book;
        lastTick = tick;
    }
}
