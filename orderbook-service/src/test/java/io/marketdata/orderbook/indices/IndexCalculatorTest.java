package io.marketdata.orderbook.indices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.marketdata.orderbook.indices.IndexCalculator.Contribution;
import io.marketdata.orderbook.indices.IndexCalculator.IndexValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexCalculatorTest {

    private static Contribution book(String base, double bid, double ask) {
        double[] b = new double[6];
        double[] a = new double[6];
        for (int i = 0; i < 6; i++) {
            b[i] = bid * (i + 1);
            a[i] = ask * (i + 1);
        }
        return new Contribution(base, b, a);
    }

    @Test
    void totalsExcludeBtcThenEthAndSumAcrossExchanges() {
        List<Contribution> books = List.of(book("BTC", 100, 90), book("BTC", 50, 40), book("ETH", 30, 20), book("SOL", 5, 4));
        List<IndexValue> v = IndexCalculator.compute(books);
        assertEquals(List.of("TOTAL", "TOTAL1", "TOTAL2", "OTHERS"), v.stream().map(IndexValue::name).toList());
        assertEquals(185, v.get(0).bidValue()[0]);
        assertEquals(3, v.get(0).symbolCount());
        assertEquals(35, v.get(1).bidValue()[0]);
        assertEquals(24, v.get(1).askValue()[0]);
        assertEquals(5, v.get(2).bidValue()[0]);
        assertEquals(30, v.get(2).bidValue()[5], "depth 30 % = 6 × the 1.5 % value in this fixture");
        assertEquals(0, v.get(3).symbolCount(), "three assets: all among the ten largest");
    }

    @Test
    void othersLeavesOutTheTenLargestByFivePercentDepth() {
        List<Contribution> books = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            books.add(book("A" + i, i, i));
        }
        IndexValue others = IndexCalculator.compute(books).get(3);
        assertEquals(2, others.symbolCount());
        assertEquals(1 + 2, others.bidValue()[0], "A1 and A2 are the smallest");
    }

    @Test
    void noBooksGiveZeroIndices() {
        for (IndexValue v : IndexCalculator.compute(List.of())) {
            assertEquals(0, v.symbolCount());
            assertEquals(0, v.bidValue()[2]);
        }
    }
}
