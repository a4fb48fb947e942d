package io.marketdata.collector.exchange.binance.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BookSideTest {

    @Test
    void bidsReadDescendingAndAsksAscending() {
        BookSide bids = new BookSide(true);
        BookSide asks = new BookSide(false);
        for (double price : new double[] {10.0, 12.0, 11.0}) {
            bids.set(price, price / 10);
            asks.set(price, price / 10);
        }
        assertArrayEquals(new double[][] {{12.0, 1.2}, {11.0, 1.1}, {10.0, 1.0}}, bids.top(5));
        assertArrayEquals(new double[][] {{10.0, 1.0}, {11.0, 1.1}}, asks.top(2));
    }

    @Test
    void loadReplacesTheSideSortedAndWithoutEmptyLevels() {
        BookSide bids = new BookSide(true);
        bids.set(1.0, 1.0);
        bids.load(new double[][] {{5.0, 1.0}, {7.0, 2.0}, {6.0, 0.0}, {4.0, 3.0}});
        assertArrayEquals(new double[][] {{7.0, 2.0}, {5.0, 1.0}, {4.0, 3.0}}, bids.top(10));
        assertEquals(0, new BookSide(false).top(5).length);
    }

    @Test
    void matchesATreeMapUnderRandomUpdates() {
        Random random = new Random(7);
        BookSide asks = new BookSide(false);
        TreeMap<Double, Double> expected = new TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            double price = 100 + random.nextInt(300) * 0.5;
            double size = random.nextInt(4) == 0 ? 0 : random.nextInt(1000) / 100.0;
            asks.set(price, size);
            if (size == 0) {
                expected.remove(price);
            } else {
                expected.put(price, size);
            }
        }
        double[][] top = asks.top(Integer.MAX_VALUE);
        assertEquals(expected.size(), top.length);
        int i = 0;
        for (var level : expected.entrySet()) {
            assertArrayEquals(new double[] {level.getKey(), level.getValue()}, top[i++]);
        }
    }
}
