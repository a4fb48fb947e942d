package io.marketdata.orderbook.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BookBoundsTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final BookBounds BOUNDS = BookBounds.DEFAULTS;

    private static BookMessage at(long timestamp, long bookTimestamp) {
        BookMessage m = new BookMessage();
        m.timestamp = timestamp;
        m.bookTimestamp = bookTimestamp;
        return m;
    }

    private static String reason(long timestamp, long bookTimestamp, long now) {
        return assertThrows(InvalidMessageException.class, () -> BOUNDS.checkTimes(at(timestamp, bookTimestamp), now)).reason();
    }

    @Test
    void timestampsWithinTheWindowPass() throws Exception {
        BOUNDS.checkTimes(at(NOW, NOW), NOW);
        BOUNDS.checkTimes(at(NOW - 24 * 3_600_000L, NOW + 5 * 60_000L), NOW);
    }

    @Test
    void aBookStampedIn2100IsInTheFuture() {
        assertEquals(InvalidMessageException.IN_FUTURE, reason(4_102_444_800_000L, NOW, NOW));
        assertEquals(InvalidMessageException.IN_FUTURE, reason(NOW + 5 * 60_000L + 1, NOW, NOW));
    }

    @Test
    void aBookStampedIn2017IsTooOld() {
        assertEquals(InvalidMessageException.TOO_OLD, reason(1_500_000_000_000L, NOW, NOW));
        assertEquals(InvalidMessageException.TOO_OLD, reason(NOW - 24 * 3_600_000L - 1, NOW, NOW));
    }

    @Test
    void theExchangesBookTimeIsCheckedToo() {
        assertEquals(InvalidMessageException.IN_FUTURE, reason(NOW, 4_102_444_800_000L, NOW));
        assertEquals(InvalidMessageException.TOO_OLD, reason(NOW, 1_500_000_000_000L, NOW));
    }

    @Test
    void theWindowFollowsTheClockItIsGiven() throws Exception {
        // a replay moves the clock: a 2017 book is fine when the clock says 2017
        BOUNDS.checkTimes(at(1_500_000_000_000L, 1_500_000_000_000L), 1_500_000_000_000L);
        BookBounds wide = new BookBounds(1e9, 1e12, 1e15, 400L * 86_400_000L, 86_400_000L);
        wide.checkTimes(at(NOW - 300L * 86_400_000L, NOW + 3_600_000L), NOW);
    }
}
