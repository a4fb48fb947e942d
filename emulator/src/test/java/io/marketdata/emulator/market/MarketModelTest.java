package io.marketdata.emulator.market;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The market model on its own: determinism, book invariants, listings, funding, clock. */
class MarketModelTest {

    /** A model whose clock is frozen at {@code tick}. */
    static MarketModel modelAt(long seed, long tick) {
        MarketClock clock = new MarketClock(1000, () -> 1_700_000_000_000L, true);
        clock.step(tick);
        return new MarketModel(seed, clock, 7200);
    }

    static long[] bidPrices(OrderBook b) {
        long[] out = new long[b.bidCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.bidPrice(i);
        }
        return out;
    }

    static long[] askUnits(OrderBook b) {
        long[] out = new long[b.askCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.askUnits(i);
        }
        return out;
    }

    @Test
    void sameSeedAndTickGiveTheSameMarketWhateverTheOrderOfReads() {
        MarketModel a = modelAt(42, 0);
        MarketModel b = modelAt(42, 0);
        Instrument btcA = a.byRouting(Venue.BINANCE, "BTCUSDT");
        Instrument btcB = b.byRouting(Venue.BINANCE, "BTCUSDT");
        // a reads tick 300 first and then 40; b reads them the other way round.
        Snapshot a300 = a.snapshotAt(btcA, 300);
        Snapshot a40 = a.snapshotAt(btcA, 40);
        Snapshot b40 = b.snapshotAt(btcB, 40);
        Snapshot b300 = b.snapshotAt(btcB, 300);
        assertArrayEquals(bidPrices(a40.book()), bidPrices(b40.book()));
        assertArrayEquals(askUnits(a40.book()), askUnits(b40.book()));
        assertArrayEquals(bidPrices(a300.book()), bidPrices(b300.book()));
        assertArrayEquals(askUnits(a300.book()), askUnits(b300.book()));
        assertEquals(a300.quote(), b300.quote());
        assertEquals(a40.quote(), b40.quote());
        assertEquals(a300.updateId(), b300.updateId());
        assertEquals(a.sharedMid(btcA.asset(), 1234), b.sharedMid(btcB.asset(), 1234));
        // The market moved between tick 40 and 300.
        assertNotEquals(a40.book().bestBid(), a300.book().bestBid());
    }

    @Test
    void differentSeedsGiveDifferentMarkets() {
        MarketModel a = modelAt(42, 10);
        MarketModel b = modelAt(7, 10);
        Instrument ia = a.byRouting(Venue.HTX, "ETHUSDT");
        Instrument ib = b.byRouting(Venue.HTX, "ETHUSDT");
        assertNotEquals(a.snapshot(ia).book().bestBid(), b.snapshot(ib).book().bestBid());
        assertNotEquals(a.snapshot(ia).quote().fundingRate(), b.snapshot(ib).quote().fundingRate());
    }

    @Test
    void snapshotsAreCachedPerTick() {
        MarketModel m = modelAt(42, 5);
        Instrument i = m.byRouting(Venue.GATEIO, "SOLUSDT");
        assertSame(m.snapshot(i), m.snapshot(i));
        Snapshot before = m.snapshot(i);
        m.clock().step(1);
        Snapshot after = m.snapshot(i);
        assertEquals(before.tick() + 1, after.tick());
        assertTrue(after.updateId() > before.updateId());
    }

    @Test
    void everyBookIsDeepStrictlySortedUncrossedWithWholeUnits() {
        for (long tick : new long[] {0, 977}) {
            MarketModel m = modelAt(42, tick);
            for (Instrument i : m.universe().all()) {
                OrderBook b = m.snapshot(i).book();
                String what = i.venue().id() + "/" + i.routingSymbol() + "@" + tick;
                if (i.venue().perpetual()) {
                    assertEquals(i.venue().depth(), b.bidCount(), what + " bids");
                    assertEquals(i.venue().depth(), b.askCount(), what + " asks");
                } else {
                    assertTrue(b.bidCount() >= 500, what + " bids " + b.bidCount());
                    assertEquals(i.venue().depth(), b.askCount(), what + " asks");
                }
                assertTrue(b.bestBid() < b.bestAsk(), what + " crossed");
                for (int k = 1; k < b.bidCount(); k++) {
                    assertTrue(b.bidPrice(k) < b.bidPrice(k - 1), what + " bids order");
                }
                for (int k = 1; k < b.askCount(); k++) {
                    assertTrue(b.askPrice(k) > b.askPrice(k - 1), what + " asks order");
                }
                for (int k = 0; k < b.bidCount(); k++) {
                    assertTrue(b.bidUnits(k) >= 1 && b.bidPrice(k) >= 1, what + " bid level");
                }
                for (int k = 0; k < b.askCount(); k++) {
                    assertTrue(b.askUnits(k) >= 1, what + " ask level");
                }
                Quote q = m.snapshot(i).quote();
                assertTrue(q.lastTicks() == b.bestBid() || q.lastTicks() == b.bestAsk(), what + " last");
                assertTrue(q.lowTicks() <= Math.min(q.openTicks(), q.lastTicks()), what + " low");
                assertTrue(q.highTicks() >= Math.max(q.openTicks(), q.lastTicks()), what + " high");
                assertTrue(q.volumeBase().signum() > 0, what + " volume");
                if (i.venue().perpetual()) {
                    double mid = (b.bestBid() + b.bestAsk()) / 2.0;
                    assertTrue(Math.abs(q.markTicks() - mid) / mid < 5e-4, what + " mark near mid");
                    assertNotNull(q.fundingRate());
                    assertEquals(8, q.fundingRate().scale());
                } else {
                    assertNull(q.fundingRate());
                }
                if (i.venue().sizesInContracts()) {
                    BigDecimal fromContracts = i.unitSize().multiply(BigDecimal.valueOf(q.volumeUnits()));
                    assertTrue(fromContracts.compareTo(q.volumeBase()) <= 0, what + " vol");
                    assertTrue(q.volumeBase().subtract(fromContracts).compareTo(i.unitSize()) < 0, what + " vol");
                }
            }
        }
    }

    @Test
    void venuesQuoteTheSameAssetWithinAFewBasisPoints() {
        MarketModel m = modelAt(42, 123);
        Asset btc = m.universe().assets().get(0);
        double shared = m.sharedMid(btc, 123);
        for (Venue v : Venue.values()) {
            OrderBook b = m.snapshot(m.byRouting(v, "BTCUSDT")).book();
            Instrument i = m.byRouting(v, "BTCUSDT");
            double mid = (b.bestBid() + b.bestAsk()) / 2.0 * Math.pow(10, -i.tickScale());
            assertTrue(Math.abs(mid / shared - 1) < 8e-4, v + " mid " + mid + " vs " + shared);
        }
    }

    @Test
    void listingsAndContractSizesAreRealistic() {
        Universe u = new Universe();
        assertTrue(u.assets().size() >= 60);
        assertNull(u.byRouting(Venue.BINANCE, "KASUSDT"));
        assertNull(u.byRouting(Venue.BINANCE_SPOT, "KASUSDT"));
        assertNull(u.byRouting(Venue.BINANCE_SPOT, "ONDOUSDT"));
        assertNull(u.byRouting(Venue.BYBIT, "FTMUSDT"));
        assertNull(u.byRouting(Venue.BITGET, "MKRUSDT"));
        assertNull(u.byRouting(Venue.HTX, "EGLDUSDT"));
        assertNull(u.byRouting(Venue.HTX, "NOTUSDT"));
        assertNull(u.byRouting(Venue.GATEIO, "VETUSDT"));
        for (Venue v : Venue.values()) {
            assertTrue(u.instruments(v).size() >= 58, v + " lists " + u.instruments(v).size());
        }
        assertEquals(new BigDecimal("0.001"), u.byRouting(Venue.HTX, "BTCUSDT").unitSize().stripTrailingZeros());
        assertEquals(new BigDecimal("0.01"), u.byRouting(Venue.HTX, "ETHUSDT").unitSize().stripTrailingZeros());
        assertEquals(new BigDecimal("0.0001"), u.byRouting(Venue.GATEIO, "BTCUSDT").unitSize().stripTrailingZeros());
        assertEquals(new BigDecimal("0.01"), u.byRouting(Venue.GATEIO, "ETHUSDT").unitSize().stripTrailingZeros());
        assertEquals(0, new BigDecimal("10000000").compareTo(u.byRouting(Venue.GATEIO, "PEPEUSDT").unitSize()));
        assertEquals("BTC-USDT", u.byRouting(Venue.HTX, "BTCUSDT").nativeId());
        assertEquals("BTC_USDT", u.byRouting(Venue.GATEIO, "BTCUSDT").nativeId());
        // 1000x contracts where the real venues have them.
        Instrument pepe = u.byRouting(Venue.BINANCE, "1000PEPEUSDT");
        assertEquals(1000, pepe.priceMultiplier());
        assertEquals("1000PEPE", pepe.baseName());
        assertNotNull(u.byRouting(Venue.BYBIT, "SHIB1000USDT"));
        assertNull(u.byRouting(Venue.BINANCE, "PEPEUSDT"));
        assertNotNull(u.byRouting(Venue.BITGET, "PEPEUSDT"));
        assertNotNull(u.byRouting(Venue.BINANCE_SPOT, "PEPEUSDT"));
        assertEquals(pepe, u.byNative(Venue.BINANCE, "1000PEPEUSDT"));
    }

    @Test
    void fundingSettlesEveryEightHoursAndTheRateCanTurnNegative() {
        long t = 1_730_107_603_123L;
        long next = MarketModel.nextFundingTime(t);
        assertEquals(1_730_131_200_000L, next);
        assertEquals(0, next % MarketModel.FUNDING_INTERVAL_MS);
        assertEquals(next + MarketModel.FUNDING_INTERVAL_MS, MarketModel.nextFundingTime(next));
        MarketModel m = modelAt(42, 0);
        boolean negative = false;
        boolean positive = false;
        for (Instrument i : m.instruments(Venue.BYBIT)) {
            for (long tick = 0; tick < 14_400; tick += 900) {
                BigDecimal r = m.snapshotAt(i, tick).quote().fundingRate();
                negative |= r.signum() < 0;
                positive |= r.signum() > 0;
                assertTrue(r.abs().compareTo(new BigDecimal("0.001")) < 0, "rate " + r);
            }
        }
        assertTrue(negative && positive);
    }

    @Test
    void clockFreezesResumesAndSteps() {
        AtomicLong now = new AtomicLong(1_000_000);
        MarketClock c = new MarketClock(100, now::get, false);
        assertEquals(0, c.currentTick());
        now.addAndGet(250);
        assertEquals(2, c.currentTick());
        assertEquals(2, c.freeze());
        now.addAndGet(10_000);
        assertEquals(2, c.currentTick());
        assertTrue(c.frozen());
        assertEquals(7, c.step(5));
        assertEquals(7, c.currentTick());
        c.resume();
        assertFalse(c.frozen());
        now.addAndGet(100);
        assertEquals(8, c.currentTick());
        assertEquals(1_000_000 + 100, c.wallTimeOf(1));
    }

    @Test
    void markCandlesEndWithTheCurrentMark() {
        AtomicLong now = new AtomicLong(1_700_000_000_000L);
        MarketClock c = new MarketClock(1000, now::get, false);
        MarketModel m = new MarketModel(42, c, 7200);
        now.addAndGet(185_000);
        Instrument i = m.byRouting(Venue.HTX, "BTCUSDT");
        List<Candle> candles = m.markCandles(i, 60_000, 10);
        assertEquals(4, candles.size());
        Candle last = candles.get(candles.size() - 1);
        assertEquals(m.snapshot(i).quote().markTicks(), last.closeTicks());
        for (int k = 1; k < candles.size(); k++) {
            assertEquals(candles.get(k - 1).idSeconds() + 60, candles.get(k).idSeconds());
        }
        for (Candle cd : candles) {
            assertTrue(cd.lowTicks() <= Math.min(cd.openTicks(), cd.closeTicks()));
            assertTrue(cd.highTicks() >= Math.max(cd.openTicks(), cd.closeTicks()));
        }
        assertEquals(2, m.markCandles(i, 60_000, 2).size());
    }

    @Test
    void aggregationMergesIntoBuckets() {
        OrderBook b = new OrderBook(new long[] {1009, 1005, 999}, new long[] {1, 2, 3},
                new long[] {1011, 1019, 1021}, new long[] {4, 5, 6});
        OrderBook g = b.aggregate(10);
        assertEquals(2, g.bidCount());
        assertEquals(1000, g.bidPrice(0));
        assertEquals(3, g.bidUnits(0));
        assertEquals(990, g.bidPrice(1));
        assertEquals(2, g.askCount());
        assertEquals(1020, g.askPrice(0));
        assertEquals(9, g.askUnits(0));
        assertEquals(1030, g.askPrice(1));
    }

    @Test
    void decimalsPrintExactly() {
        assertEquals("65000.10", Decimals.fixed(6500010, 2));
        assertEquals("0.0000115", Decimals.fixed(115, 7));
        assertEquals("10000000", Decimals.fixed(1, -7));
        assertEquals("-0.05", Decimals.fixed(-5, 2));
        assertEquals("65000.10000000", Decimals.fixed(650001, 1, 8));
        assertEquals("65000.1", Decimals.stripped(6500010, 2));
        assertEquals("65000", Decimals.stripped(6500000, 2));
        assertEquals("0", Decimals.fixed(0, -3));
    }
}
