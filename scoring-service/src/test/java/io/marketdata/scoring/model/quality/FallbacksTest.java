package io.marketdata.scoring.model.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbacksTest {

    private static final double EPS = 1e-12;

    @Test
    void criticalIsHalfTheMedianOfTheLastTenScores() {
        // 11 scores: the oldest (9.0) is outside the last 10
        List<Double> history = List.of(9.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0);
        // last 10 sorted: 0.2 … 2.0; median = (1.0 + 1.2) / 2 = 1.1; × 0.5 = 0.55
        assertEquals(0.55, Fallbacks.critical(history), EPS);
    }

    @Test
    void criticalWithFewerThanTenScores() {
        // odd count: sorted 0.4, 0.6, 1.0 → median 0.6 → 0.3
        assertEquals(0.3, Fallbacks.critical(List.of(0.4, 1.0, 0.6)), EPS);
        // even count: sorted 0.2, 0.4, 0.8, 1.0 → (0.4 + 0.8) / 2 = 0.6 → 0.3
        assertEquals(0.3, Fallbacks.critical(List.of(0.2, 0.8, 0.4, 1.0)), EPS);
        // one score: 0.9 → 0.45
        assertEquals(0.45, Fallbacks.critical(List.of(0.9)), EPS);
    }

    @Test
    void criticalWithoutHistoryIsZero() {
        assertEquals(0.0, Fallbacks.critical(List.of()), EPS);
    }

    @Test
    void gapIsSeventyPercentOfTheMeanOfTheLastTenScores() {
        // (0.5 + 1.0 + 1.5) / 3 = 1.0 → × 0.7 = 0.7
        assertEquals(0.7, Fallbacks.gap(List.of(0.5, 1.0, 1.5)), EPS);
        // 11 scores 100, 1, 1, …: the 100 falls out, mean 1 → 0.7
        assertEquals(0.7, Fallbacks.gap(List.of(100.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)), EPS);
        assertEquals(0.0, Fallbacks.gap(List.of()), EPS);
    }

    @Test
    void nonFiniteOrMissingHistoryValuesAreIgnored() {
        List<Double> history = Arrays.asList(0.4, Double.NaN, null, Double.POSITIVE_INFINITY, 0.8);
        assertEquals(List.of(0.4, 0.8), Fallbacks.window(history));
        // mean 0.6 × 0.7 = 0.42; median 0.6 × 0.5 = 0.3
        assertEquals(0.42, Fallbacks.gap(history), EPS);
        assertEquals(0.3, Fallbacks.critical(history), EPS);
    }
}
