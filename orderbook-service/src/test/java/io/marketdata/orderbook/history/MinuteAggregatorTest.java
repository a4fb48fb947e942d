package io.marketdata.orderbook.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.orderbook.bands.Bands;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinuteAggregatorTest {

    private static final SeriesKey BTC = new SeriesKey("binance", "futures", "BTCUSDT", "BTC/USDT:USDT");
    private static final long M0 = 1_700_000_040_000L; // a minute boundary
    private final MinuteAggregator minutes = new MinuteAggregator(5_000);

    private static Bands bands(double bidValue, double askValue) {
        Bands b = new Bands();
        for (int i = 0; i < 6; i++) {
            b.bidValue[i] = bidValue * (i + 1);
            b.askValue[i] = askValue * (i + 1);
            b.bidVolume[i] = i + 1;
            b.askVolume[i] = 2 * (i + 1);
        }
        b.bestBid = 99;
        b.bestAsk = 101;
        return b;
    }

    @Test
    void aMinuteClosesWhenTheNextOneBegins() {
        assertEquals(MinuteAggregator.Outcome.APPLIED, minutes.accept(BTC, BTC.id(), M0 + 1_000, bands(10, 20)));
        minutes.accept(BTC, BTC.id(), M0 + 30_000, bands(30, 40));
        assertTrue(minutes.drainClosed().isEmpty());
        minutes.accept(BTC, BTC.id(), M0 + 60_000, bands(50, 60));
        List<MinutePoint> closed = minutes.drainClosed();
        assertEquals(1, closed.size());
        MinutePoint p = closed.get(0);
        assertEquals(M0, p.minuteMs());
        assertEquals(2, p.samples());
        assertEquals(30, p.bidValue()[0], "close = last book of the minute");
        assertEquals(20, p.avgBidValue()[0], "mean of 10 and 30");
        assertEquals(30, p.avgAskValue()[0]);
        assertEquals(100, p.mid());
    }

    @Test
    void booksOfAClosedMinuteAreLate() {
        minutes.accept(BTC, BTC.id(), M0 + 1_000, bands(10, 20));
        minutes.accept(BTC, BTC.id(), M0 + 61_000, bands(10, 20));
        assertEquals(MinuteAggregator.Outcome.LATE, minutes.accept(BTC, BTC.id(), M0 + 2_000, bands(10, 20)));
    }

    @Test
    void theClockClosesAMinuteAfterTheGraceAndLaterBooksOfItAreLate() {
        minutes.accept(BTC, BTC.id(), M0 + 1_000, bands(10, 20));
        minutes.closeExpired(M0 + 64_999);
        assertTrue(minutes.drainClosed().isEmpty(), "grace not over");
        minutes.closeExpired(M0 + 65_000);
        assertEquals(1, minutes.drainClosed().size());
        assertEquals(List.of(BTC), minutes.drainExpired());
        assertEquals(MinuteAggregator.Outcome.LATE, minutes.accept(BTC, BTC.id(), M0 + 59_000, bands(10, 20)));
        assertEquals(MinuteAggregator.Outcome.APPLIED, minutes.accept(BTC, BTC.id(), M0 + 66_000, bands(10, 20)));
    }

    @Test
    void onlyChangedOpenMinutesAreCheckpointed() {
        minutes.accept(BTC, BTC.id(), M0 + 1_000, bands(10, 20));
        assertEquals(1, minutes.drainDirty().size());
        assertTrue(minutes.drainDirty().isEmpty());
        minutes.accept(BTC, BTC.id(), M0 + 2_000, bands(10, 20));
        OpenMinute copy = minutes.drainDirty().get(0);
        assertEquals(2, copy.samples);
        assertEquals(20, copy.sumBidValue[0]);
    }

    @Test
    void aRestoredMinuteContinuesWhereTheLastRunStopped() {
        minutes.accept(BTC, BTC.id(), M0 + 1_000, bands(10, 20));
        OpenMinute checkpointed = minutes.drainDirty().get(0);
        MinuteAggregator restarted = new MinuteAggregator(5_000);
        restarted.restore(List.of(checkpointed));
        restarted.accept(BTC, BTC.id(), M0 + 50_000, bands(30, 40));
        restarted.accept(BTC, BTC.id(), M0 + 60_000, bands(0, 0));
        MinutePoint p = restarted.drainClosed().get(0);
        assertEquals(2, p.samples());
        assertEquals(20, p.avgBidValue()[0]);
        assertEquals(30, p.bidValue()[0]);
    }

    @Test
    void aBookNotNewerThanTheLastCountedIsADuplicateAndCountsOnce() {
        assertEquals(MinuteAggregator.Outcome.APPLIED, minutes.accept(BTC, BTC.id(), M0 + 1_000, bands(10, 20)));
        assertEquals(MinuteAggregator.Outcome.APPLIED, minutes.accept(BTC, BTC.id(), M0 + 2_000, bands(30, 40)));
        // the same two again, as a redelivery after a broker restart brings them
        assertEquals(MinuteAggregator.Outcome.DUPLICATE, minutes.accept(BTC, BTC.id(), M0 + 1_000, bands(10, 20)));
        assertEquals(MinuteAggregator.Outcome.DUPLICATE, minutes.accept(BTC, BTC.id(), M0 + 2_000, bands(30, 40)));
        assertEquals(MinuteAggregator.Outcome.APPLIED, minutes.accept(BTC, BTC.id(), M0 + 3_000, bands(50, 60)));
        minutes.accept(BTC, BTC.id(), M0 + 60_000, bands(0, 0));
        MinutePoint p = minutes.drainClosed().get(0);
        assertEquals(3, p.samples());
        assertEquals(30, p.avgBidValue()[0], 1e-9, "(10 + 30 + 50) / 3");
        assertEquals(50, p.bidValue()[0], "a duplicate does not replace the close");
    }

    @Test
    void theDuplicateCheckSurvivesARestartThroughTheCheckpointedOpenMinute() {
        minutes.accept(BTC, BTC.id(), M0 + 1_000, bands(10, 20));
        minutes.accept(BTC, BTC.id(), M0 + 2_000, bands(10, 20));
        List<OpenMinute> open = minutes.drainDirty();
        assertEquals(M0 + 2_000, open.get(0).lastTimestampMs);
        MinuteAggregator restarted = new MinuteAggregator(5_000);
        restarted.restore(open);
        assertEquals(MinuteAggregator.Outcome.DUPLICATE, restarted.accept(BTC, BTC.id(), M0 + 2_000, bands(10, 20)));
        assertEquals(MinuteAggregator.Outcome.APPLIED, restarted.accept(BTC, BTC.id(), M0 + 2_001, bands(10, 20)));
        restarted.accept(BTC, BTC.id(), M0 + 60_000, bands(0, 0));
        assertEquals(3, restarted.drainClosed().get(0).samples());
    }
}
