package io.marketdata.orderbook.book;

import io.marketdata.orderbook.config.OrderbookConfig;

/**
 * Plausibility bounds of a book ({@code orderbook.validation.*}). Prices, sizes and per-level
 * notionals are checked while decoding, the timestamps against the pipeline's clock (a replay moves
 * that clock, so the window moves with it). Within these bounds no sum of a book, a minute or an
 * index can overflow: 1e15 per level × a few thousand levels × thousands of books stays below 1e25.
 */
public record BookBounds(double maxPrice, double maxSize, double maxNotional, long maxAgeMs, long maxFutureMs) {

    public static final BookBounds DEFAULTS = new BookBounds(1e9, 1e12, 1e15, 24 * 3_600_000L, 5 * 60_000L);

    public static BookBounds of(OrderbookConfig.Validation v) {
        return new BookBounds(v.maxPrice(), v.maxSize(), v.maxNotional(), v.maxAge().toMillis(), v.maxFuture().toMillis());
    }

    /** Rejects a message whose collection or book time lies outside [now − max-age, now + max-future]. */
    public void checkTimes(BookMessage m, long nowMs) throws InvalidMessageException {
        checkTime("timestamp", m.timestamp, nowMs);
        checkTime("orderbook.timestamp", m.bookTimestamp, nowMs);
    }

    private void checkTime(String field, long t, long nowMs) throws InvalidMessageException {
        if (t < nowMs - maxAgeMs) {
            throw new InvalidMessageException(InvalidMessageException.TOO_OLD, field + ": " + t + " is more than "
                    + maxAgeMs / 1000 + " s before now (" + nowMs + ")");
        }
        if (t > nowMs + maxFutureMs) {
            throw new InvalidMessageException(InvalidMessageException.IN_FUTURE, field + ": " + t + " is more than "
                    + maxFutureMs / 1000 + " s after now (" + nowMs + ")");
        }
    }

    /** Rejects a price above {@link #maxPrice}. */
    void checkPrice(String field, double price) throws InvalidMessageException {
        if (price > maxPrice) {
            throw new InvalidMessageException(InvalidMessageException.PRICE_BOUND, field + ": " + price + " exceeds " + maxPrice);
        }
    }

    /** Rejects a level whose price, size or notional is above its bound (price and size already positive and finite). */
    void checkLevel(String side, double price, double size) throws InvalidMessageException {
        checkPrice(side + " price", price);
        if (size > maxSize) {
            throw new InvalidMessageException(InvalidMessageException.SIZE_BOUND, side + " size: " + size + " exceeds " + maxSize);
        }
        if (price * size > maxNotional) {
            throw new InvalidMessageException(InvalidMessageException.NOTIONAL_BOUND, side + ": price × size "
                    + price * size + " exceeds " + maxNotional);
        }
    }
}
