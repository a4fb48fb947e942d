package io.marketdata.emulator.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The activity curve as a pure function of the token's age, checked against the lifecycle's default
 * thresholds (activation: a non-bonding-curve pool with liquidity ≥ 500 USD and ≥ 300 transactions;
 * archive after 24 h without activation).
 */
class ActivityCurveTest {

    static final double SOL_USD = 150;
    static final long MIN_LIQUIDITY_USD = 500;
    static final long MIN_TX_COUNT = 300;
    static final TokenFactory FACTORY = new TokenFactory(42);

    /** Ages (s) from the migration to two days, fine at first. */
    static List<Double> ages() {
        List<Double> out = new ArrayList<>();
        for (double a = 0; a <= 48 * 3600; a += a < 3600 ? 15 : 300) {
            out.add(a);
        }
        return out;
    }

    /** The default activation test on the h1 window: tradeable liquidity ≥ 500 and ≥ 300 transactions. */
    static boolean activatable(TokenSpec t, double age) {
        double liquidity = 0;
        long txns = 0;
        for (PoolState p : PoolActivity.pools(t, age, SOL_USD)) {
            if (!p.pool().bondingCurve()) {
                txns += p.txns(Window.H1);
                if (p.liquidity() != null) {
                    liquidity = Math.max(liquidity, p.liquidity().usd());
                }
            }
        }
        return liquidity >= MIN_LIQUIDITY_USD && txns >= MIN_TX_COUNT;
    }

    @Test
    void windowsAreNestedAndCountsNeverNegative() {
        for (long i = 0; i < 60; i++) {
            TokenSpec t = FACTORY.spec(i);
            for (double age : ages()) {
                for (PoolState p : PoolActivity.pools(t, age, SOL_USD)) {
                    for (int w = 0; w < Window.values().length; w++) {
                        assertTrue(p.buys()[w] >= 0 && p.sells()[w] >= 0 && p.volumeUsd()[w] >= 0);
                        if (w > 0) {
                            String at = t.mint() + " " + p.pool().dexId() + " at " + age + " s, window " + w;
                            assertTrue(p.buys()[w - 1] <= p.buys()[w], at);
                            assertTrue(p.sells()[w - 1] <= p.sells()[w], at);
                            assertTrue(p.volumeUsd()[w - 1] <= p.volumeUsd()[w] + 1e-6, at);
                        }
                    }
                    assertTrue(p.priceSol() > 0 && p.priceUsd() > 0 && p.fdvUsd() > 0);
                }
            }
        }
    }

    @Test
    void youngPoolsCountEveryTradeSoFarInTheLongWindows() {
        TokenSpec t = FACTORY.spec(4);
        PoolSpec main = t.pool(PoolKind.MAIN);
        PoolState early = PoolActivity.at(t, main, 600, SOL_USD);
        PoolState later = PoolActivity.at(t, main, 900, SOL_USD);
        assertEquals(later.txns(Window.H24), later.txns(Window.H1), "younger than an hour: h1 = h24");
        assertTrue(early.txns(Window.H1) <= later.txns(Window.H1), "trades stay in h1 for its first hour");
        long total = (long) Math.floor(t.curve().buys(900)) + (long) Math.floor(t.curve().sells(900));
        assertEquals(total, later.txns(Window.H1), "counts are the curve's cumulative counts");
    }

    @Test
    void someTokensActivateWithinMinutesAndFallBackLater() {
        int activatedEarly = 0;
        int fellBack = 0;
        for (long i = 0; i < 40; i++) {
            TokenSpec t = FACTORY.spec(i);
            double activation = -1;
            double fallBack = -1;
            for (double age : ages()) {
                boolean ok = activatable(t, age);
                if (activation < 0 && ok) {
                    activation = age;
                } else if (activation >= 0 && fallBack < 0 && !ok) {
                    fallBack = age;
                }
            }
            if (activation >= 0 && activation <= 5 * 60) {
                activatedEarly++;
            }
            if (activation >= 0 && fallBack > activation && fallBack <= 24 * 3600) {
                fellBack++;
            }
        }
        assertTrue(activatedEarly >= 5, "tokens activating within 5 minutes: " + activatedEarly);
        assertTrue(fellBack >= 5, "tokens whose activity later falls below the threshold: " + fellBack);
    }

    @Test
    void rocketsPeakThenFadeWithOrderFlowTurningToSells() {
        TokenSpec rocket = null;
        for (long i = 0; rocket == null; i++) {
            TokenSpec t = FACTORY.spec(i);
            rocket = t.fate() == Fate.ROCKET ? t : null;
        }
        PoolSpec main = rocket.pool(PoolKind.MAIN);
        PoolState rising = PoolActivity.at(rocket, main, 120, SOL_USD);
        assertTrue(rising.txns(Window.M5) >= MIN_TX_COUNT / 5, "busy right after the migration");
        assertTrue(rising.buys()[Window.M5.ordinal()] > rising.sells()[Window.M5.ordinal()], "buys lead the pump");
        assertTrue(PoolActivity.at(rocket, main, 3 * 3600, SOL_USD).txns(Window.H1) < MIN_TX_COUNT,
                "quiet three hours later");
        // Sell waves peak later than buy waves, so once every wave is past its peak sells lead.
        double lastPeak = rocket.curve().sellWaves().stream().mapToDouble(ActivityCurve.Wave::peakSeconds).max()
                .orElseThrow();
        double late = 3 * lastPeak;
        ActivityCurve c = rocket.curve();
        assertTrue(c.sells(late) - c.sells(late - 600) > c.buys(late) - c.buys(late - 600), "sells lead the fade");
        assertTrue(c.priceFactor(late) < c.priceFactor(600), "and the price comes down from the pump");
    }

    @Test
    void dudsNeverReachTheTransactionThresholdOnAnyWindowOrPoolSet() {
        int duds = 0;
        for (long i = 0; i < 200; i++) {
            TokenSpec t = FACTORY.spec(i);
            if (t.fate() != Fate.DUD) {
                continue;
            }
            duds++;
            for (double age : ages()) {
                long all = 0;
                for (PoolState p : PoolActivity.pools(t, age, SOL_USD)) {
                    all += p.txns(Window.H24);
                }
                assertTrue(all < MIN_TX_COUNT, t.mint() + " reached " + all + " trades at " + age + " s");
                assertFalse(activatable(t, age));
            }
        }
        assertTrue(duds >= 40, "a good share of tokens never activate (→ archived after 24 h): " + duds);
    }

    @Test
    void everyTokenHasOneBondingCurveAndOneOrTwoTradeablePools() {
        Set<String> bondingDexes = new HashSet<>();
        Set<String> tradeableDexes = new HashSet<>();
        EnumSet<Fate> fates = EnumSet.noneOf(Fate.class);
        for (long i = 0; i < 200; i++) {
            TokenSpec t = FACTORY.spec(i);
            fates.add(t.fate());
            long bonding = t.pools().stream().filter(PoolSpec::bondingCurve).count();
            assertEquals(1, bonding);
            assertTrue(t.pools().size() == 2 || t.pools().size() == 3);
            for (PoolSpec p : t.pools()) {
                (p.bondingCurve() ? bondingDexes : tradeableDexes).add(p.dexId());
            }
            assertTrue(t.pool(PoolKind.BONDING_CURVE).openAge() < 0, "the curve predates the migration");
            assertEquals(0.0, t.pool(PoolKind.MAIN).openAge());
        }
        assertEquals(Set.of("pumpfun", "launchlab"), bondingDexes);
        assertEquals(Set.of("pumpswap", "raydium", "meteora"), tradeableDexes);
        assertEquals(EnumSet.allOf(Fate.class), fates);
    }

    @Test
    void dataQualityOdditiesOccurDeterministically() {
        int untraded = 0;
        int missingLiquidity = 0;
        for (long i = 0; i < 200; i++) {
            TokenSpec t = FACTORY.spec(i);
            PoolSpec second = t.pool(PoolKind.SECOND);
            if (second != null && second.share() == 0) {
                PoolState s = PoolActivity.at(t, second, second.openAge() + 1800, SOL_USD);
                assertEquals(0, s.txns(Window.H24), "liquidity but no transactions");
                assertTrue(s.liquidity() != null && s.liquidity().usd() > 0);
                assertTrue(Double.isNaN(s.priceChangePct()[Window.H1.ordinal()]), "no trades, no price change");
                untraded++;
            }
            for (double age = 0; age < 6 * 3600; age += 600) {
                PoolState main = PoolActivity.at(t, t.pool(PoolKind.MAIN), age, SOL_USD);
                if (main.liquidity() == null) {
                    missingLiquidity++;
                    assertEquals(main.liquidity(), PoolActivity.at(t, t.pool(PoolKind.MAIN), age, SOL_USD).liquidity(),
                            "the same gap every time it is asked");
                }
            }
        }
        assertTrue(untraded > 0, "some pool has liquidity but no transactions");
        assertTrue(missingLiquidity > 0 && missingLiquidity < 200 * 36 / 10, "rare gaps: " + missingLiquidity);
    }

    @Test
    void theBondingCurveTradedBeforeTheMigrationOnly() {
        TokenSpec t = FACTORY.spec(1);
        PoolSpec curve = t.pool(PoolKind.BONDING_CURVE);
        PoolState atMigration = PoolActivity.at(t, curve, 0, SOL_USD);
        long beforeMigration = atMigration.txns(Window.H1);
        assertTrue(beforeMigration >= t.preTrades() - 1 && beforeMigration <= t.preTrades(),
                "all pre-migration trades fall in the last hour: " + beforeMigration);
        PoolState later = PoolActivity.at(t, curve, 600, SOL_USD);
        assertEquals(0, later.txns(Window.M5), "nothing trades on a completed curve");
        assertEquals(0, PoolActivity.at(t, curve, 25 * 3600, SOL_USD).txns(Window.H24), "and it leaves the windows");
        assertEquals(t.priceSol(), later.priceSol(), 1e-18);
    }
}
