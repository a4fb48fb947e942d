package io.marketdata.collector.exchange.binance.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.collector.exchange.binance.live.BookSync.Outcome;
import org.junit.jupiter.api.Test;

/** Binance's local-book procedure on scripted event sequences, futures and spot rules. */
class BookSyncTest {

    private static final double[][] NONE = new double[0][];
    private static final double[][] SNAPSHOT_BIDS = {{100.0, 1.0}, {99.0, 2.0}, {98.0, 3.0}};
    private static final double[][] SNAPSHOT_ASKS = {{101.0, 1.5}, {102.0, 2.5}};

    // ---- futures ------------------------------------------------------------------------------

    @Test
    void futuresBuffersEventsUntilTheSnapshotThenDropsStaleAndAppliesTheStraddlingOne() {
        BookSync sync = new BookSync(SyncRule.FUTURES, 100);
        assertEquals(Outcome.SNAPSHOT_NEEDED, sync.onEvent(futures(90, 95, 89, 1_000, bid(100.0, 9.0))));
        assertEquals(Outcome.BUFFERED, sync.onEvent(futures(96, 100, 95, 1_100, bid(99.0, 7.0))));
        assertEquals(Outcome.BUFFERED, sync.onEvent(futures(101, 105, 100, 1_200, ask(101.0, 0.5))));
        assertFalse(sync.synced());

        assertEquals(Outcome.SYNCED, sync.onSnapshot(98, SNAPSHOT_BIDS, SNAPSHOT_ASKS));

        assertTrue(sync.synced());
        // 90..95 was stale (u < 98): its 100.0 → 9.0 must not show; 96..100 straddles 98; 101..105 follows
        assertArrayEquals(new double[][] {{100.0, 1.0}, {99.0, 7.0}, {98.0, 3.0}}, sync.bids(10));
        assertArrayEquals(new double[][] {{101.0, 0.5}, {102.0, 2.5}}, sync.asks(10));
        assertEquals(105, sync.lastUpdateId());
        assertEquals(1_200, sync.lastEventTime());
        assertFalse(sync.hasBufferedEvents());
    }

    @Test
    void futuresEventEndingAtTheSnapshotIdIsTheFirstAppliedOne() {
        BookSync sync = new BookSync(SyncRule.FUTURES, 100);
        sync.onEvent(futures(96, 98, 95, 1_000, bid(97.0, 4.0)));
        assertEquals(Outcome.SYNCED, sync.onSnapshot(98, SNAPSHOT_BIDS, SNAPSHOT_ASKS), "U ≤ L ≤ u with u == L");
        assertEquals(98, sync.lastUpdateId());
        assertEquals(4, sync.bids(10).length);
    }

    @Test
    void futuresSnapshotNewerThanEveryBufferedEventWaitsForTheStraddlingEvent() {
        BookSync sync = new BookSync(SyncRule.FUTURES, 100);
        sync.onEvent(futures(90, 95, 89, 1_000, bid(100.0, 9.0)));
        assertEquals(Outcome.AWAITING_EVENT, sync.onSnapshot(120, SNAPSHOT_BIDS, SNAPSHOT_ASKS));
        assertFalse(sync.synced());
        assertEquals(Outcome.DROPPED, sync.onEvent(futures(96, 110, 95, 1_100, bid(100.0, 8.0))), "u < L is stale");
        assertEquals(Outcome.SYNCED, sync.onEvent(futures(111, 125, 110, 1_200, bid(100.0, 5.0))));
        assertArrayEquals(new double[] {100.0, 5.0}, sync.bids(1)[0]);
        assertEquals(Outcome.APPLIED, sync.onEvent(futures(126, 130, 125, 1_300, ask(101.0, 3.0))));
        assertArrayEquals(new double[] {101.0, 3.0}, sync.asks(1)[0]);
    }

    @Test
    void futuresSnapshotOlderThanTheBufferedStreamIsRefetched() {
        BookSync sync = new BookSync(SyncRule.FUTURES, 100);
        sync.onEvent(futures(60, 70, 59, 1_000, bid(100.0, 9.0)));
        sync.onEvent(futures(71, 80, 70, 1_100, bid(99.0, 9.0)));
        assertEquals(Outcome.SNAPSHOT_MISMATCH, sync.onSnapshot(50, SNAPSHOT_BIDS, SNAPSHOT_ASKS),
                "first buffered event starts after the snapshot: updates 51..59 unknown");
        assertFalse(sync.synced());
        assertEquals(2, sync.bufferedEvents(), "the buffered events are kept for the next snapshot");
        assertEquals(Outcome.SYNCED, sync.onSnapshot(75, SNAPSHOT_BIDS, SNAPSHOT_ASKS));
        assertEquals(80, sync.lastUpdateId());
    }

    @Test
    void futuresEventNotStraddlingAWaitingSnapshotStartsANewBuffer() {
        BookSync sync = new BookSync(SyncRule.FUTURES, 100);
        assertEquals(Outcome.AWAITING_EVENT, sync.onSnapshot(50, SNAPSHOT_BIDS, SNAPSHOT_ASKS));
        assertEquals(Outcome.SNAPSHOT_MISMATCH, sync.onEvent(futures(60, 70, 59, 1_000, bid(100.0, 9.0))));
        assertEquals(1, sync.bufferedEvents());
        assertEquals(Outcome.SYNCED, sync.onSnapshot(65, SNAPSHOT_BIDS, SNAPSHOT_ASKS));
    }

    @Test
    void futuresPuGapWhileSyncedDiscardsTheBookAndResyncsFromANewSnapshot() {
        BookSync sync = synced(SyncRule.FUTURES);
        assertEquals(Outcome.APPLIED, sync.onEvent(futures(101, 105, 100, 2_000, bid(100.0, 4.0))));
        assertEquals(Outcome.GAP, sync.onEvent(futures(111, 115, 110, 2_200, bid(100.0, 6.0))), "pu 110 ≠ u 105");
        assertFalse(sync.synced());
        assertEquals(0, sync.bids(10).length, "the broken book is discarded");
        assertEquals(1, sync.bufferedEvents(), "the event after the gap starts the new buffer");
        assertEquals(Outcome.BUFFERED, sync.onEvent(futures(116, 120, 115, 2_300, ask(101.0, 8.0))));

        assertEquals(Outcome.SYNCED, sync.onSnapshot(113, SNAPSHOT_BIDS, SNAPSHOT_ASKS));
        assertArrayEquals(new double[] {100.0, 6.0}, sync.bids(1)[0]);
        assertArrayEquals(new double[] {101.0, 8.0}, sync.asks(1)[0]);
        assertEquals(120, sync.lastUpdateId());
    }

    @Test
    void futuresGapInsideTheBufferedEventsIsFoundDuringReplay() {
        BookSync sync = new BookSync(SyncRule.FUTURES, 100);
        sync.onEvent(futures(96, 100, 95, 1_000, bid(99.0, 7.0)));
        sync.onEvent(futures(106, 110, 105, 1_100, bid(99.0, 6.0))); // pu 105 ≠ 100: 101..105 lost
        sync.onEvent(futures(111, 115, 110, 1_200, bid(99.0, 5.0)));
        assertEquals(Outcome.GAP, sync.onSnapshot(98, SNAPSHOT_BIDS, SNAPSHOT_ASKS));
        assertFalse(sync.synced());
        assertEquals(2, sync.bufferedEvents(), "the break and what follows it stay buffered");
        assertEquals(Outcome.SYNCED, sync.onSnapshot(108, SNAPSHOT_BIDS, SNAPSHOT_ASKS));
        assertArrayEquals(new double[] {99.0, 5.0}, sync.bids(2)[1]);
    }

    @Test
    void zeroQuantitiesDeleteLevelsAndDeletingAnUnknownLevelIsHarmless() {
        BookSync sync = synced(SyncRule.FUTURES);
        assertEquals(Outcome.APPLIED, sync.onEvent(new DepthEvent("BTCUSDT", 2_000, 101, 105, 100,
                new double[][] {{99.0, 0}, {97.5, 0}, {98.5, 1.25}}, new double[][] {{101.0, 0}, {150.0, 0}})));
        assertArrayEquals(new double[][] {{100.0, 1.0}, {98.5, 1.25}, {98.0, 3.0}}, sync.bids(10));
        assertArrayEquals(new double[][] {{102.0, 2.5}}, sync.asks(10));
    }

    @Test
    void topLevelsAreCutToTheRequestedDepth() {
        BookSync sync = synced(SyncRule.FUTURES);
        assertArrayEquals(new double[][] {{100.0, 1.0}, {99.0, 2.0}}, sync.bids(2));
        assertArrayEquals(new double[][] {{101.0, 1.5}}, sync.asks(1));
    }

    @Test
    void resetForgetsBookBufferAndSnapshot() {
        BookSync sync = synced(SyncRule.FUTURES);
        sync.reset();
        assertFalse(sync.synced());
        assertEquals(0, sync.asks(10).length);
        assertEquals(Outcome.SNAPSHOT_NEEDED, sync.onEvent(futures(200, 210, 199, 3_000, bid(100.0, 1.0))),
                "after a reset the first event asks for a snapshot again");
    }

    @Test
    void theBufferKeepsTheNewestEventsWhenFull() {
        BookSync sync = new BookSync(SyncRule.FUTURES, 2);
        sync.onEvent(futures(90, 95, 89, 1_000, bid(100.0, 9.0)));
        sync.onEvent(futures(96, 100, 95, 1_100, bid(100.0, 8.0)));
        sync.onEvent(futures(101, 105, 100, 1_200, bid(100.0, 7.0)));
        assertEquals(2, sync.bufferedEvents());
        assertEquals(Outcome.SYNCED, sync.onSnapshot(98, SNAPSHOT_BIDS, SNAPSHOT_ASKS));
        assertArrayEquals(new double[] {100.0, 7.0}, sync.bids(1)[0]);
    }

    @Test
    void aSnapshotArrivingForAnAlreadySyncedBookIsIgnored() {
        BookSync sync = synced(SyncRule.FUTURES);
        assertEquals(Outcome.DROPPED, sync.onSnapshot(500, new double[][] {{1.0, 1.0}}, NONE));
        assertEquals(3, sync.bids(10).length);
    }

    // ---- spot ---------------------------------------------------------------------------------

    @Test
    void spotSnapshotOlderThanTheFirstBufferedEventIsRefetched() {
        BookSync sync = new BookSync(SyncRule.SPOT, 100);
        assertEquals(Outcome.SNAPSHOT_NEEDED, sync.onEvent(spot(157, 160, 1_000, bid(100.0, 9.0))));
        sync.onEvent(spot(161, 165, 1_100, bid(99.0, 9.0)));
        assertEquals(Outcome.SNAPSHOT_MISMATCH, sync.onSnapshot(156, SNAPSHOT_BIDS, SNAPSHOT_ASKS),
                "lastUpdateId 156 < first U 157");
        assertEquals(2, sync.bufferedEvents());
        assertEquals(Outcome.SYNCED, sync.onSnapshot(158, SNAPSHOT_BIDS, SNAPSHOT_ASKS));
        assertEquals(165, sync.lastUpdateId());
    }

    @Test
    void spotDropsEventsUpToTheSnapshotAndAppliesTheOneContainingLastUpdateIdPlusOne() {
        BookSync sync = new BookSync(SyncRule.SPOT, 100);
        sync.onEvent(spot(150, 160, 1_000, bid(100.0, 9.0)));
        sync.onEvent(spot(161, 170, 1_100, bid(99.0, 7.0)));
        sync.onEvent(spot(171, 175, 1_200, ask(102.0, 0)));
        // u = 170 ≤ L: dropped on spot (futures would keep an event whose u equals L)
        assertEquals(Outcome.SYNCED, sync.onSnapshot(170, SNAPSHOT_BIDS, SNAPSHOT_ASKS));
        assertArrayEquals(new double[][] {{100.0, 1.0}, {99.0, 2.0}, {98.0, 3.0}}, sync.bids(10));
        assertArrayEquals(new double[][] {{101.0, 1.5}}, sync.asks(10));
        assertEquals(175, sync.lastUpdateId());
    }

    @Test
    void spotRequiresEachEventToStartRightAfterThePreviousOne() {
        BookSync sync = new BookSync(SyncRule.SPOT, 100);
        sync.onEvent(spot(150, 160, 1_000, bid(100.0, 9.0)));
        assertEquals(Outcome.SYNCED, sync.onSnapshot(155, SNAPSHOT_BIDS, SNAPSHOT_ASKS), "U ≤ L+1 ≤ u");
        assertEquals(Outcome.APPLIED, sync.onEvent(spot(161, 163, 1_100, bid(100.0, 8.0))));
        assertEquals(Outcome.GAP, sync.onEvent(spot(165, 170, 1_200, bid(100.0, 7.0))), "U 165 ≠ 163 + 1");
        assertFalse(sync.synced());
        assertEquals(Outcome.SYNCED, sync.onSnapshot(167, SNAPSHOT_BIDS, SNAPSHOT_ASKS));
        assertArrayEquals(new double[] {100.0, 7.0}, sync.bids(1)[0]);
    }

    @Test
    void spotAwaitingSnapshotTakesTheEventContainingLastUpdateIdPlusOne() {
        BookSync sync = new BookSync(SyncRule.SPOT, 100);
        assertEquals(Outcome.AWAITING_EVENT, sync.onSnapshot(200, SNAPSHOT_BIDS, SNAPSHOT_ASKS));
        assertEquals(Outcome.DROPPED, sync.onEvent(spot(195, 200, 1_000, bid(100.0, 9.0))));
        assertEquals(Outcome.SYNCED, sync.onEvent(spot(201, 204, 1_100, bid(100.0, 8.0))));
        assertEquals(Outcome.APPLIED, sync.onEvent(spot(205, 209, 1_200, bid(100.0, 7.0))));
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A futures book synced on the standard snapshot at lastUpdateId 100. */
    private static BookSync synced(SyncRule rule) {
        BookSync sync = new BookSync(rule, 100);
        assertEquals(Outcome.AWAITING_EVENT, sync.onSnapshot(98, SNAPSHOT_BIDS, SNAPSHOT_ASKS));
        assertEquals(Outcome.SYNCED, sync.onEvent(futures(96, 100, 95, 1_000, NONE, NONE)));
        return sync;
    }

    private static DepthEvent futures(long first, long last, long previous, long time, double[][] bids, double[][] asks) {
        return new DepthEvent("BTCUSDT", time, first, last, previous, bids, asks);
    }

    private static DepthEvent futures(long first, long last, long previous, long time, Change change) {
        return futures(first, last, previous, time, change.bids, change.asks);
    }

    private static DepthEvent spot(long first, long last, long time, Change change) {
        return new DepthEvent("BTCUSDT", time, first, last, DepthEvent.NO_PREVIOUS, change.bids, change.asks);
    }

    private record Change(double[][] bids, double[][] asks) {
    }

    private static Change bid(double price, double size) {
        return new Change(new double[][] {{price, size}}, NONE);
    }

    private static Change ask(double price, double size) {
        return new Change(NONE, new double[][] {{price, size}});
    }
}
