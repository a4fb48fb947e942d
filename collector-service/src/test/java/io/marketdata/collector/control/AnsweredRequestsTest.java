package io.marketdata.collector.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The idempotency memory is bounded in bytes, not only in entries. */
class AnsweredRequestsTest {

    @Test
    void twoHundredLargeAnswersStayWithinTheByteBound() {
        AnsweredRequests answered = new AnsweredRequests(1000, 1024 * 1024);
        byte[] last = null;
        for (int i = 0; i < 200; i++) {
            last = new byte[256 * 1024 - 100];
            last[0] = (byte) i;
            answered.remember("id-" + i, last);
            assertTrue(answered.bytes() <= 1024 * 1024, "after " + (i + 1) + ": " + answered.bytes());
        }
        assertTrue(answered.size() <= 4, "entries " + answered.size());
        assertArrayEquals(last, answered.get("id-199"), "the newest is kept");
        assertNull(answered.get("id-0"), "the oldest went first");
    }

    @Test
    void anAnswerLargerThanTheWholeBudgetIsNotKeptAndEvictsNothing() {
        AnsweredRequests answered = new AnsweredRequests(1000, 1000);
        answered.remember("small", new byte[100]);
        answered.remember("huge", new byte[5000]);
        assertNull(answered.get("huge"));
        assertNotNull(answered.get("small"));
        assertTrue(answered.bytes() <= 1000);
    }

    @Test
    void theEntryCountIsBoundedToo() {
        AnsweredRequests answered = new AnsweredRequests(10, 1024 * 1024);
        for (int i = 0; i < 100; i++) {
            answered.remember("id-" + i, new byte[10]);
        }
        assertTrue(answered.size() == 10, "entries " + answered.size());
        assertNotNull(answered.get("id-99"));
    }

    @Test
    void rememberingTheSameIdTwiceCountsItOnce() {
        AnsweredRequests answered = new AnsweredRequests(10, 1024 * 1024);
        answered.remember("id", new byte[100]);
        answered.remember("id", new byte[200]);
        assertTrue(answered.bytes() == 200 + 2 * 2, "bytes " + answered.bytes());
    }
}
