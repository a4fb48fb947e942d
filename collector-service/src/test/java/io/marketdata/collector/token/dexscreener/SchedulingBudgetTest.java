package io.marketdata.collector.token.dexscreener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.contracts.settings.PipelineSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The planner and the request window driven by a fake clock, as the poller drives them (one tick per
 * second, batches sent while the window has room, a sent batch counts as fetched): the budget is
 * never exceeded in any 60 s, whatever the demand, and the cadence holds while demand fits.
 */
class SchedulingBudgetTest {

    private static final int BUDGET = 250;

    /** Outcome of a simulated run. */
    record Run(List<Long> requestTimes, Map<String, List<Long>> fetches, int maxMints) {

        /** The most requests in any 60 s window (checked at every request). */
        int maxPerMinute() {
            int max = 0;
            int start = 0;
            for (int end = 0; end < requestTimes.size(); end++) {
                while (requestTimes.get(start) <= requestTimes.get(end) - 60_000) {
                    start++;
                }
                max = Math.max(max, end - start + 1);
            }
            return max;
        }

        /** Requests in the last {@code minutes} of the run, per minute. */
        double perMinuteOverLast(int minutes, long end) {
            return requestTimes.stream().filter(t -> t > end - minutes * 60_000L).count() / (double) minutes;
        }

        /** Longest and shortest gap between two fetches of a mint after {@code from}. */
        long[] gaps(String mint, long from) {
            long max = 0;
            long min = Long.MAX_VALUE;
            List<Long> times = fetches.get(mint);
            for (int i = 1; i < times.size(); i++) {
                if (times.get(i - 1) >= from) {
                    long gap = times.get(i) - times.get(i - 1);
                    max = Math.max(max, gap);
                    min = Math.min(min, gap);
                }
            }
            return new long[] {min, max};
        }
    }

    static Run simulate(int tokens, double hotShare, int maxBatch, Duration length, PipelineSettings settings) {
        long[] clock = {1_795_300_000_000L};
        RequestWindow window = new RequestWindow(BUDGET, Duration.ofMinutes(1), () -> clock[0]);
        PollPlanner planner = new PollPlanner(maxBatch, 0.2);
        Map<String, TrackedToken> tracked = new LinkedHashMap<>();
        Map<String, List<Long>> fetches = new HashMap<>();
        for (int i = 0; i < tokens; i++) {
            String mint = "mint" + i;
            double score = i < tokens * hotShare ? 0.8 : 0.1;
            tracked.put(mint, new TrackedToken(mint, "active", score, null, 0, clock[0] + i));
            fetches.put(mint, new ArrayList<>());
        }
        List<Long> requests = new ArrayList<>();
        int maxMints = 0;
        long end = clock[0] + length.toMillis();
        for (; clock[0] < end; clock[0] += 1_000) {
            for (List<String> batch : planner.plan(tracked.values(), List.of(), clock[0], settings)) {
                if (!window.tryAcquire()) {
                    break;
                }
                requests.add(clock[0]);
                maxMints = Math.max(maxMints, batch.size());
                for (String mint : batch) {
                    tracked.put(mint, tracked.get(mint).withLastFetchedAt(clock[0]));
                    fetches.get(mint).add(clock[0]);
                }
            }
        }
        return new Run(requests, fetches, maxMints);
    }

    @Test
    void fiveHundredTokensAtTheDefaultCadenceStayFarWithinTheBudget() {
        Duration length = Duration.ofMinutes(15);
        Run run = simulate(500, 0.2, 30, length, PipelineSettings.defaults());
        assertTrue(run.maxPerMinute() <= BUDGET, "max " + run.maxPerMinute() + "/min");
        assertTrue(run.maxMints() <= 30);
        long end = 1_795_300_000_000L + length.toMillis();
        double steady = run.perMinuteOverLast(10, end);
        // 100 hot / 30 s + 400 cold / 120 s = 400 mints/min: at 30 a request ≥ 13.3 requests/min
        assertTrue(steady >= 13.3 && steady <= 20, "steady state " + steady + " requests/min");
        long from = 1_795_300_000_000L + 180_000;
        long[] hot = run.gaps("mint0", from);
        long[] cold = run.gaps("mint499", from);
        // never later than due (ticks are 1 s), never earlier than 80 % of the interval (batch fill-ahead)
        assertTrue(hot[1] <= 30_000 && hot[0] >= 24_000, "hot gaps " + hot[0] + "…" + hot[1]);
        assertTrue(cold[1] <= 120_000 && cold[0] >= 96_000, "cold gaps " + cold[0] + "…" + cold[1]);
    }

    @Test
    void demandBeyondTheBudgetWaitsButIsNeverSentAndNobodyStarves() {
        // one mint per request: 100 hot every 30 s + 400 cold every 120 s = 400 requests/min wanted
        Duration length = Duration.ofMinutes(12);
        Run run = simulate(500, 0.2, 1, length, PipelineSettings.defaults());
        assertEquals(BUDGET, run.maxPerMinute(), "the window is used fully, never beyond");
        long from = 1_795_300_000_000L + 240_000;
        for (String mint : List.of("mint0", "mint99", "mint100", "mint499")) {
            long[] gaps = run.gaps(mint, from);
            assertTrue(gaps[1] <= 5 * 60_000, mint + " waited " + gaps[1] + " ms");
            assertFalse(run.fetches().get(mint).isEmpty());
        }
    }

    @Test
    void theWindowSlides() {
        long[] clock = {0};
        RequestWindow window = new RequestWindow(3, Duration.ofSeconds(60), () -> clock[0]);
        assertTrue(window.tryAcquire());
        clock[0] = 10_000;
        assertTrue(window.tryAcquire());
        assertTrue(window.tryAcquire());
        assertFalse(window.tryAcquire());
        clock[0] = 59_999;
        assertFalse(window.tryAcquire());
        clock[0] = 60_000;
        assertTrue(window.tryAcquire(), "the first request left the window");
        assertFalse(window.tryAcquire());
        assertEquals(3, window.used());
    }
}
