package io.marketdata.scoring.model.hybrid;

import static io.marketdata.scoring.model.Snapshots.at;
import static io.marketdata.scoring.model.Snapshots.metrics;
import static io.marketdata.scoring.model.Snapshots.window;
import static io.marketdata.scoring.model.Snapshots.workedExample;
import static io.marketdata.scoring.model.hybrid.HybridMomentumModel.ORDERFLOW_IMBALANCE;
import static io.marketdata.scoring.model.hybrid.HybridMomentumModel.TOKEN_FRESHNESS;
import static io.marketdata.scoring.model.hybrid.HybridMomentumModel.TX_ACCEL;
import static io.marketdata.scoring.model.hybrid.HybridMomentumModel.VOL_MOMENTUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.scoring.model.RawScore;
import io.marketdata.scoring.model.ScoringInput;
import io.marketdata.scoring.model.ScoringResult;
import io.marketdata.scoring.model.ScoringState;
import io.marketdata.scoring.model.Snapshots;
import io.marketdata.scoring.model.quality.DataQuality;
import io.marketdata.contracts.settings.PipelineSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HybridMomentumModelTest {

    private static final double EPS = 1e-12;
    private final HybridMomentumModel model = new HybridMomentumModel();
    private final PipelineSettings defaults = PipelineSettings.defaults();

    @Test
    void txAccelComparesTheLastFiveMinutesWithTheHoursPace() {
        // (40 / 5) / (240 / 60) = 8 / 4 = 2
        assertEquals(2.0, HybridMomentumModel.txAccel(40, 240), EPS);
        // steady pace: 20 per 5 min in an hour of 240 → (20/5)/(240/60) = 4/4 = 1
        assertEquals(1.0, HybridMomentumModel.txAccel(20, 240), EPS);
        // slowing down: (5/5)/(240/60) = 1/4
        assertEquals(0.25, HybridMomentumModel.txAccel(5, 240), EPS);
    }

    @Test
    void volMomentumComparesTheLastFiveMinutesWithAnAverageFiveMinutes() {
        // 2 000 / (12 000 / 12) = 2 000 / 1 000 = 2
        assertEquals(2.0, HybridMomentumModel.volMomentum(2_000.0, 12_000.0), EPS);
        // 250 / (12 000 / 12) = 0.25
        assertEquals(0.25, HybridMomentumModel.volMomentum(250.0, 12_000.0), EPS);
    }

    @Test
    void zeroTransactionsInTheHourNeverDividesByZero() {
        // no activity at all: 0 / (floor 12 / 60) = 0
        assertEquals(0.0, HybridMomentumModel.txAccel(0, 0), EPS);
        // inconsistent snapshot (m5 has trades the hour lacks): (3 / 5) / (12 / 60) = 0.6 / 0.2 = 3
        assertEquals(3.0, HybridMomentumModel.txAccel(3, 0), EPS);
        // (100 / 5) / (12 / 60) = 20 / 0.2 = 100 → capped at 12
        assertEquals(12.0, HybridMomentumModel.txAccel(100, 0), EPS);
    }

    @Test
    void aQuietHourIsFlooredSoOneTradeIsNotASurge() {
        // 1 trade in the hour, in the last 5 min: unfloored (1/5)/(1/60) = 12; floored (1/5)/(12/60) = 1
        assertEquals(1.0, HybridMomentumModel.txAccel(1, 1), EPS);
        // 6 of 6: (6/5)/(12/60) = 1.2 / 0.2 = 6
        assertEquals(6.0, HybridMomentumModel.txAccel(6, 6), EPS);
        // at the floor, the whole hour in the last 5 minutes is the cap: (12/5)/(12/60) = 12
        assertEquals(12.0, HybridMomentumModel.txAccel(12, 12), EPS);
        // above the floor the plain formula applies: (13/5)/(13/60) = 12
        assertEquals(12.0, HybridMomentumModel.txAccel(13, 13), EPS);
    }

    @Test
    void zeroVolumeInTheHourNeverDividesByZero() {
        assertEquals(0.0, HybridMomentumModel.volMomentum(0.0, 0.0), EPS);
        // 50 / (floor 120 / 12) = 50 / 10 = 5
        assertEquals(5.0, HybridMomentumModel.volMomentum(50.0, 0.0), EPS);
        // 1 000 000 / 10 = 100 000 → capped at 12
        assertEquals(12.0, HybridMomentumModel.volMomentum(1_000_000.0, 0.0), EPS);
        // 60 of 60 USD: 60 / (120 / 12) = 6 (unfloored it would be 12)
        assertEquals(6.0, HybridMomentumModel.volMomentum(60.0, 60.0), EPS);
        // extreme magnitudes stay finite and capped
        assertEquals(12.0, HybridMomentumModel.volMomentum(Double.MAX_VALUE, Double.MIN_VALUE), EPS);
    }

    @Test
    void imbalanceStaysWithinMinusOneAndOne() {
        assertEquals(1.0, HybridMomentumModel.orderflowImbalance(10, 0), EPS);    // all buys
        assertEquals(-1.0, HybridMomentumModel.orderflowImbalance(0, 10), EPS);   // all sells
        assertEquals(0.0, HybridMomentumModel.orderflowImbalance(0, 0), EPS);     // no trade: balanced
        assertEquals(0.5, HybridMomentumModel.orderflowImbalance(30, 10), EPS);   // (30 − 10) / 40
        assertEquals(-0.5, HybridMomentumModel.orderflowImbalance(1, 3), EPS);    // (1 − 3) / 4
        assertEquals(0.0, HybridMomentumModel.orderflowImbalance(7, 7), EPS);
    }

    @Test
    void freshnessFallsLinearlyOverSixHours() {
        assertEquals(1.0, HybridMomentumModel.tokenFreshness(0.0), EPS);   // (6 − 0) / 6
        assertEquals(0.5, HybridMomentumModel.tokenFreshness(3.0), EPS);   // (6 − 3) / 6
        assertEquals(0.0, HybridMomentumModel.tokenFreshness(6.0), EPS);   // (6 − 6) / 6
        assertEquals(0.0, HybridMomentumModel.tokenFreshness(7.0), EPS);   // max(0, −1/6)
        assertEquals(0.0, HybridMomentumModel.tokenFreshness(null), EPS);  // unknown migration
        assertEquals(1.0, HybridMomentumModel.tokenFreshness(-2.0), EPS);  // clock skew counts as 0 h
    }

    @Test
    void freshnessOfSnapshotsAtZeroThreeAndSevenHours() {
        var metrics = metrics(window(30, 10, 2_000.0), window(150, 90, 12_000.0));
        assertEquals(1.0, model.compute(at(metrics, 0.0), defaults).components().get(TOKEN_FRESHNESS), EPS);
        assertEquals(0.5, model.compute(at(metrics, 3.0), defaults).components().get(TOKEN_FRESHNESS), EPS);
        assertEquals(0.0, model.compute(at(metrics, 7.0), defaults).components().get(TOKEN_FRESHNESS), EPS);
        assertEquals(7.0, model.compute(at(metrics, 7.0), defaults).metricsUsed().get("hours_since_migration"), EPS);
    }

    @Test
    void workedExampleComponentsAndWeightedSum() {
        RawScore raw = model.compute(workedExample(), defaults);
        // tx_accel = (40/5)/(240/60) = 2; vol_momentum = 2000/(12000/12) = 2;
        // token_freshness = (6 − 3)/6 = 0.5; orderflow_imbalance = (30 − 10)/40 = 0.5
        assertEquals(List.of(TX_ACCEL, VOL_MOMENTUM, TOKEN_FRESHNESS, ORDERFLOW_IMBALANCE), List.copyOf(raw.components().keySet()));
        assertEquals(2.0, raw.components().get(TX_ACCEL), EPS);
        assertEquals(2.0, raw.components().get(VOL_MOMENTUM), EPS);
        assertEquals(0.5, raw.components().get(TOKEN_FRESHNESS), EPS);
        assertEquals(0.5, raw.components().get(ORDERFLOW_IMBALANCE), EPS);
        // 0.25·2 + 0.25·2 + 0.25·0.5 + 0.25·0.5 = 1.25
        assertEquals(1.25, raw.score(), EPS);
    }

    @Test
    void weightsComeFromTheSettings() {
        PipelineSettings weighted = PipelineSettings.defaults()
                .merge(Map.of("w_tx", 0.4, "w_vol", 0.3, "w_fresh", 0.2, "w_oi", 0.1), List.of(HybridMomentumModel.NAME))
                .orElseThrow();
        // 0.4·2 + 0.3·2 + 0.2·0.5 + 0.1·0.5 = 0.8 + 0.6 + 0.1 + 0.05 = 1.55
        assertEquals(1.55, model.compute(workedExample(), weighted).score(), EPS);
    }

    @Test
    void theMetricsUsedAreKeptWithTheScore() {
        Map<String, Double> used = model.compute(workedExample(), defaults).metricsUsed();
        assertEquals(40.0, used.get("tx_5m"));
        assertEquals(240.0, used.get("tx_1h"));
        assertEquals(2_000.0, used.get("volume_5m_usd"));
        assertEquals(12_000.0, used.get("volume_1h_usd"));
        assertEquals(30.0, used.get("buys_5m"));
        assertEquals(10.0, used.get("sells_5m"));
        assertEquals(3.0, used.get("hours_since_migration"), EPS);
        assertEquals(10_000.0, used.get("liquidity_usd"));
        assertEquals(1.0, used.get("tradeable_pools"));
    }

    @Test
    void scoreIsBoundedAtTheExtremes() {
        // everything maxed: 0.25·(12 + 12 + 1 + 1) = 6.5
        var surge = at(metrics(window(1_000_000, 0, 1e12), window(0, 0, 0.0)), 0.0);
        ScoringResult top = model.score(surge, ScoringState.initial(HybridMomentumModel.NAME), defaults);
        assertEquals(6.5, top.score(), EPS);
        // the low end: one sell in the last 5 minutes of a selling hour, 10 h after migration
        var dump = at(metrics(window(0, 1, 0.0), window(0, 500, 10_000.0)), 10.0);
        RawScore bottom = model.compute(dump, defaults);
        assertEquals(-1.0, bottom.components().get(ORDERFLOW_IMBALANCE), EPS);
        // tx_accel = (1/5)/(500/60) = 0.2/8.333… = 0.024
        assertEquals(0.024, bottom.components().get(TX_ACCEL), EPS);
        // 0.25·0.024 + 0.25·0 + 0.25·0 + 0.25·(−1) = 0.006 − 0.25 = −0.244
        assertEquals(-0.244, bottom.score(), EPS);
    }

    @Test
    void unknownMigrationTimeScoresWithoutFreshnessAndWarns() {
        var metrics = metrics(window(30, 10, 2_000.0), window(150, 90, 12_000.0));
        ScoringInput input = ScoringInput.snapshot(metrics, null, Snapshots.MIGRATED_AT);
        ScoringResult result = model.score(input, ScoringState.initial(HybridMomentumModel.NAME), defaults);
        assertEquals(DataQuality.WARNING, result.dataQuality());
        assertEquals(List.of(HybridMomentumModel.MISSING_MIGRATION_TIME), result.issues());
        assertEquals(0.0, result.rawComponents().get(TOKEN_FRESHNESS), EPS);
        // 0.25·2 + 0.25·2 + 0 + 0.25·0.5 = 1.125
        assertEquals(1.125, result.score(), EPS);
        assertFalse(result.metrics().containsKey("hours_since_migration"));
    }

    @Test
    void inconsistentWindowsAreCappedAndFlagged() {
        // m5 claims more than the whole hour: tx (600/5)/(60/60) = 120 → 12; volume 50 000/(1 200/12) = 500 → 12
        var input = at(metrics(window(300, 300, 50_000.0), window(30, 30, 1_200.0)), 3.0);
        ScoringResult result = model.score(input, ScoringState.initial(HybridMomentumModel.NAME), defaults);
        assertEquals(12.0, result.rawComponents().get(TX_ACCEL), EPS);
        assertEquals(12.0, result.rawComponents().get(VOL_MOMENTUM), EPS);
        assertEquals(DataQuality.WARNING, result.dataQuality());
        assertTrue(result.issues().contains("m5_exceeds_h1"), result.issues().toString());
        // 0.25·(12 + 12 + 0.5 + 0) = 6.125
        assertEquals(6.125, result.score(), EPS);
    }
}
