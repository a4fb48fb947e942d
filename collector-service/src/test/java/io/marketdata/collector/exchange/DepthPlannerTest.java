package io.marketdata.collector.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DepthPlannerTest {

    private static final int[] LIMITS = {5, 10, 20, 50, 100, 500, 1000};
    private static final int[] WEIGHTS = {2, 2, 2, 2, 5, 10, 20};

    private static int choose(double budget, double fixed, int instruments, int maxDepth) {
        return DepthPlanner.choose(LIMITS, WEIGHTS, budget, fixed, instruments, 12, maxDepth);
    }

    @Test
    void fiftySymbolsFitOnlyTheWeightTwoLimits() {
        // 1000: 50×20×12 + 660 = 12660; 500: 6660; 100: 50×5×12 + 660 = 3660 > 1920; 50: 50×2×12 + 660 = 1860 ≤ 1920
        assertEquals(50, choose(1920, 660, 50, 1000));
    }

    @Test
    void threeSymbolsFitTheDeepestLimit() {
        // 3×20×12 + 660 = 1380 ≤ 1920
        assertEquals(1000, choose(1920, 660, 3, 1000));
    }

    @Test
    void theBoundaryIsInclusive() {
        // 52: 52×2×12 + 660 = 1908 ≤ 1920 → 50; 53: 1272 + 660 = 1932 > 1920 → nothing fits → smallest
        assertEquals(50, choose(1920, 660, 52, 1000));
        assertEquals(5, choose(1920, 660, 53, 1000));
        // exactly equal is allowed: 50×2×12 + 660 = 1860
        assertEquals(50, choose(1860, 660, 50, 1000));
    }

    @Test
    void whenNothingFitsTheSmallestLimitIsUsed() {
        // 100 × 2 × 12 + 660 = 3060 > 1920
        assertEquals(5, choose(1920, 660, 100, 1000));
    }

    @Test
    void maxDepthCapsTheChoice() {
        assertEquals(100, choose(1920, 660, 3, 100));
        assertEquals(100, choose(1920, 660, 3, 499));
        assertEquals(500, choose(1920, 660, 3, 500));
        // below every accepted limit: the smallest one
        assertEquals(5, choose(1920, 660, 3, 3));
    }

    @Test
    void intermediateBudgetsPickIntermediateLimits() {
        // 10 symbols, fixed 220: 1000 → 2400 + 220 > 1920; 500 → 1200 + 220 = 1420 ≤ 1920
        assertEquals(500, choose(1920, 220, 10, 1000));
        // 25 symbols: 500 → 3000 + 220 > 1920; 100 → 1500 + 220 = 1720 ≤ 1920
        assertEquals(100, choose(1920, 220, 25, 1000));
    }

    @Test
    void unsortedLimitsAreHandled() {
        assertEquals(100, DepthPlanner.choose(new int[] {1000, 100, 5}, new int[] {20, 5, 2}, 1920, 660, 20, 12, 1000));
        assertEquals(5, DepthPlanner.choose(new int[] {1000, 100, 5}, new int[] {20, 5, 2}, 100, 660, 20, 12, 1000));
    }

    @Test
    void mismatchedTablesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DepthPlanner.choose(new int[] {5, 10}, new int[] {2}, 1, 0, 1, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> DepthPlanner.choose(new int[0], new int[0], 1, 0, 1, 1, 10));
    }

    @Test
    void rateConversions() {
        assertEquals(12.0, DepthPlanner.cyclesPerMinute(5));
        assertEquals(60.0, DepthPlanner.cyclesPerMinute(0)); // at least one second
        assertEquals(1920.0, DepthPlanner.perMinute(1920, Duration.ofMinutes(1)));
        assertEquals(7200.0, DepthPlanner.perMinute(600, Duration.ofSeconds(5)));
        assertEquals(1.0, DepthPlanner.cachedCallsPerMinute(12, 60_000));
        assertEquals(0.5, DepthPlanner.cachedCallsPerMinute(0.5, 60_000));
    }

    @Test
    void truncateKeepsTheBestLevels() {
        double[][] levels = {{3, 1}, {2, 1}, {1, 1}};
        assertArrayEquals(new double[][] {{3, 1}, {2, 1}}, DepthPlanner.truncate(levels, 2));
        assertSame(levels, DepthPlanner.truncate(levels, 3));
        assertEquals(0, DepthPlanner.truncate(levels, 0).length);
    }
}
