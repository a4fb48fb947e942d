package io.marketdata.scoring.model;

import static io.marketdata.scoring.model.Snapshots.MINT;
import static io.marketdata.scoring.model.Snapshots.MIGRATED_AT;
import static io.marketdata.scoring.model.Snapshots.HOUR_MS;
import static io.marketdata.scoring.model.Snapshots.at;
import static io.marketdata.scoring.model.Snapshots.metrics;
import static io.marketdata.scoring.model.Snapshots.window;
import static io.marketdata.scoring.model.Snapshots.workedExample;
import static io.marketdata.scoring.model.hybrid.HybridMomentumModel.ORDERFLOW_IMBALANCE;
import static io.marketdata.scoring.model.hybrid.HybridMomentumModel.TOKEN_FRESHNESS;
import static io.marketdata.scoring.model.hybrid.HybridMomentumModel.TX_ACCEL;
import static io.marketdata.scoring.model.hybrid.HybridMomentumModel.VOL_MOMENTUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.scoring.model.hybrid.HybridMomentumModel;
import io.marketdata.scoring.model.quality.DataQuality;
import io.marketdata.contracts.settings.PipelineSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shared round (quality → fallback or compute → EWMA), driven through {@link HybridMomentumModel}. */
class ScoringPipelineTest {

    private static final double EPS = 1e-12;
    private static final String NAME = HybridMomentumModel.NAME;
    private final HybridMomentumModel model = new HybridMomentumModel();
    private final PipelineSettings settings = PipelineSettings.defaults();

    /** A token that scored before: smoothed 1.0, components as given, and these recent scores. */
    private static ScoringState history(List<Double> scores) {
        return new ScoringState(NAME, 1.0, Map.of(TX_ACCEL, 2.0, VOL_MOMENTUM, 2.0, TOKEN_FRESHNESS, 0.5,
                ORDERFLOW_IMBALANCE, 0.5), scores);
    }

    @Test
    void firstRoundOfACleanSnapshotIsItsOwnSmoothedValue() {
        ScoringResult result = model.score(workedExample(), ScoringState.initial(NAME), settings);
        assertEquals(DataQuality.OK, result.dataQuality());
        assertEquals(List.of(), result.issues());
        assertEquals(1.25, result.score(), EPS);
        assertEquals(1.25, result.smoothedScore(), EPS);
        assertEquals(result.rawComponents(), result.smoothedComponents());
        assertEquals(MINT, result.mint());
        assertEquals(NAME, result.model());
        assertEquals(MIGRATED_AT + 3 * HOUR_MS, result.scoredAt());
    }

    @Test
    void secondRoundSmoothsEveryComponentAndTheScore() {
        ScoringResult first = model.score(workedExample(), ScoringState.initial(NAME), settings);
        ScoringState state = ScoringState.initial(NAME).after(first);
        // quieter 5 minutes at 4.5 h: m5 = 5 buys, 5 sells, 500 USD; h1 unchanged (240 tx, 12 000 USD)
        var quiet = at(metrics(window(5, 5, 500.0), window(150, 90, 12_000.0)), 4.5);
        ScoringResult second = model.score(quiet, state, settings);

        // raw: tx_accel (10/5)/(240/60) = 0.5; vol 500/1000 = 0.5; fresh (6 − 4.5)/6 = 0.25; oi 0
        // score 0.25·(0.5 + 0.5 + 0.25 + 0) = 0.3125
        assertEquals(0.3125, second.score(), EPS);
        // smoothed (α 0.3): tx 0.3·0.5 + 0.7·2 = 1.55; vol 1.55; fresh 0.3·0.25 + 0.7·0.5 = 0.425; oi 0.7·0.5 = 0.35
        assertEquals(1.55, second.smoothedComponents().get(TX_ACCEL), EPS);
        assertEquals(1.55, second.smoothedComponents().get(VOL_MOMENTUM), EPS);
        assertEquals(0.425, second.smoothedComponents().get(TOKEN_FRESHNESS), EPS);
        assertEquals(0.35, second.smoothedComponents().get(ORDERFLOW_IMBALANCE), EPS);
        // smoothed score 0.3·0.3125 + 0.7·1.25 = 0.96875 — with constant weights, EWMA being linear,
        // also the weighted sum of the smoothed components: 0.25·(1.55 + 1.55 + 0.425 + 0.35)
        assertEquals(0.96875, second.smoothedScore(), EPS);
        assertEquals(HybridMomentumModel.weightedSum(second.smoothedComponents(), settings), second.smoothedScore(), EPS);
    }

    @Test
    void alphaComesFromTheSettings() {
        PipelineSettings unsmoothed = settings.merge(Map.of("ewma_alpha", 1.0), List.of(NAME)).orElseThrow();
        ScoringResult result = model.score(workedExample(), history(List.of(1.0)), unsmoothed);
        assertEquals(1.25, result.smoothedScore(), EPS);
    }

    @Test
    void criticalIssueFallsBackToHalfTheMedianOfTheLastTenScores() {
        var negative = at(metrics(window(30, 10, -2_000.0), window(150, 90, 12_000.0)), 3.0);
        // 11 recent scores; the state keeps the last 10: 0.2 … 2.0, median (1.0 + 1.2)/2 = 1.1 → × 0.5 = 0.55
        ScoringState state = history(List.of(9.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0));
        ScoringResult result = model.score(negative, state, settings);

        assertEquals(DataQuality.FALLBACK_CRITICAL, result.dataQuality());
        assertEquals(List.of("negative_volume_m5"), result.issues());
        assertEquals(0.55, result.score(), EPS);
        // smoothed 0.3·0.55 + 0.7·1.0 = 0.865; components: none computed, the previous carried forward
        assertEquals(0.865, result.smoothedScore(), EPS);
        assertEquals(Map.of(), result.rawComponents());
        assertEquals(state.smoothedComponents(), result.smoothedComponents());
        assertEquals(Map.of("history_size", 10.0, "history_median", 1.1), roundValues(result.metrics()));
    }

    @Test
    void criticalIssueWithFewerThanTenScores() {
        var missingWindow = Snapshots.withWindows(Map.of("m5", window(1, 1, 10.0), "h1", window(5, 5, 50.0)));
        // median of 0.4, 0.6, 1.0 = 0.6 → 0.3
        ScoringResult result = model.score(at(missingWindow, 1.0), history(List.of(0.4, 1.0, 0.6)), settings);
        assertEquals(DataQuality.FALLBACK_CRITICAL, result.dataQuality());
        assertEquals(List.of("missing_window_h6", "missing_window_h24"), result.issues());
        assertEquals(0.3, result.score(), EPS);
    }

    @Test
    void criticalIssueWithoutHistoryScoresZero() {
        var nan = at(metrics(window(30, 10, Double.NaN), window(150, 90, 12_000.0)), 3.0);
        ScoringResult result = model.score(nan, ScoringState.initial(NAME), settings);
        assertEquals(DataQuality.FALLBACK_CRITICAL, result.dataQuality());
        assertEquals(0.0, result.score(), EPS);
        assertEquals(0.0, result.smoothedScore(), EPS);
        assertEquals(Map.of("history_size", 0.0), result.metrics());
    }

    @Test
    void unreadableSnapshotIsCritical() {
        var input = ScoringInput.unreadable(MINT, MIGRATED_AT, MIGRATED_AT + HOUR_MS, "wrong_type");
        ScoringResult result = model.score(input, history(List.of(0.8)), settings);
        assertEquals(DataQuality.FALLBACK_CRITICAL, result.dataQuality());
        assertEquals(List.of("wrong_type"), result.issues());
        assertEquals(0.4, result.score(), EPS);
    }

    @Test
    void warningScoresNormallyWithAFlag() {
        // 10 000 USD liquidity, no trade in the hour, 3 h after migration:
        // components 0, 0, 0.5, 0 → score 0.25·0.5 = 0.125
        var idle = at(metrics(window(0, 0, 0.0), window(0, 0, 0.0)), 3.0);
        ScoringResult result = model.score(idle, ScoringState.initial(NAME), settings);
        assertEquals(DataQuality.WARNING, result.dataQuality());
        assertEquals(List.of("liquidity_without_transactions"), result.issues());
        assertEquals(0.125, result.score(), EPS);
        assertEquals(4, result.rawComponents().size());
    }

    @Test
    void gapFallsBackToSeventyPercentOfTheMeanOfRecentScores() {
        var gap = ScoringInput.gap(MINT, MIGRATED_AT, MIGRATED_AT + 5 * HOUR_MS);
        ScoringState state = history(List.of(0.5, 1.0, 1.5));
        ScoringResult result = model.score(gap, state, settings);
        // mean (0.5 + 1.0 + 1.5)/3 = 1.0 → × 0.7 = 0.7; smoothed 0.3·0.7 + 0.7·1.0 = 0.91
        assertEquals(DataQuality.FALLBACK_GAP, result.dataQuality());
        assertEquals(List.of(ScoringPipeline.NO_DATA), result.issues());
        assertEquals(0.7, result.score(), EPS);
        assertEquals(0.91, result.smoothedScore(), EPS);
        assertEquals(Map.of(), result.rawComponents());
        assertEquals(state.smoothedComponents(), result.smoothedComponents());
        assertEquals(Map.of("history_size", 3.0, "history_mean", 1.0), result.metrics());
    }

    @Test
    void snapshotWithoutPoolsIsAGap() {
        var empty = metrics(window(0, 0, 0.0), window(0, 0, 0.0), List.of(), List.of());
        ScoringResult result = model.score(at(empty, 1.0), history(List.of(1.0)), settings);
        assertEquals(DataQuality.FALLBACK_GAP, result.dataQuality());
        assertEquals(List.of(ScoringPipeline.NO_POOLS), result.issues());
        assertEquals(0.7, result.score(), EPS);
    }

    @Test
    void gapWithoutHistoryScoresZero() {
        ScoringResult result = model.score(ScoringInput.gap(MINT, null, MIGRATED_AT), ScoringState.initial(NAME), settings);
        assertEquals(0.0, result.score(), EPS);
        assertEquals(0.0, result.smoothedScore(), EPS);
    }

    @Test
    void repeatedFailuresFadeTheScore() {
        ScoringState state = ScoringState.initial(NAME).after(model.score(workedExample(), ScoringState.initial(NAME), settings));
        var gap = ScoringInput.gap(MINT, MIGRATED_AT, MIGRATED_AT + 4 * HOUR_MS);
        ScoringResult g1 = model.score(gap, state, settings);       // mean(1.25) × 0.7 = 0.875
        state = state.after(g1);
        ScoringResult g2 = model.score(gap, state, settings);       // mean(1.25, 0.875) × 0.7 = 1.0625 × 0.7 = 0.74375
        assertEquals(0.875, g1.score(), EPS);
        assertEquals(0.74375, g2.score(), EPS);
        List<Double> recent = state.after(g2).recentScores();
        assertEquals(3, recent.size());
        assertEquals(1.25, recent.get(0), EPS);
        assertEquals(0.875, recent.get(1), EPS);
        assertEquals(0.74375, recent.get(2), EPS);
    }

    @Test
    void stateOfAnotherModelIsIgnored() {
        ScoringState other = new ScoringState("other_model", 9.0, Map.of(TX_ACCEL, 9.0), List.of(9.0));
        ScoringResult result = model.score(workedExample(), other, settings);
        assertEquals(1.25, result.smoothedScore(), EPS);
        assertEquals(2.0, result.smoothedComponents().get(TX_ACCEL), EPS);
        // and no history of the other model feeds a fallback
        assertEquals(0.0, model.score(ScoringInput.gap(MINT, null, MIGRATED_AT), other, settings).score(), EPS);
    }

    @Test
    void nonFiniteModelOutputBecomesACriticalFallback() {
        ScoringModel broken = new ScoringModel() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public RawScore compute(ScoringInput input, PipelineSettings s) {
                return new RawScore(Map.of("ratio", Double.POSITIVE_INFINITY), Double.NaN, Map.of());
            }
        };
        ScoringState state = new ScoringState("broken", 0.6, Map.of(), List.of(0.6, 0.8));
        ScoringResult result = broken.score(workedExample(), state, settings);
        assertEquals(DataQuality.FALLBACK_CRITICAL, result.dataQuality());
        assertEquals(List.of("non_finite_output_ratio", "non_finite_output_score"), result.issues());
        // median(0.6, 0.8) = 0.7 → 0.35
        assertEquals(0.35, result.score(), EPS);
    }

    @Test
    void stateKeepsTheLastTenScores() {
        ScoringState state = ScoringState.initial(NAME);
        ScoringResult result = model.score(workedExample(), state, settings);
        for (int i = 0; i < 12; i++) {
            state = state.after(result);
        }
        assertEquals(10, state.recentScores().size());
        assertEquals(result.smoothedScore(), state.smoothedScore());
        assertEquals(result.smoothedComponents(), state.smoothedComponents());
    }

    @Test
    void scoreUpdatedMatchesTheContractSchema() {
        ScoringResult ok = model.score(workedExample(), ScoringState.initial(NAME), settings);
        ScoringResult gap = model.score(ScoringInput.gap(MINT, null, MIGRATED_AT), ScoringState.initial(NAME), settings);
        for (ScoringResult result : List.of(ok, gap)) {
            ScoreUpdated event = result.toScoreUpdated();
            JsonNode json = Json.MAPPER.valueToTree(event);
            assertEquals(List.of(), SchemaValidator.get().validate(MessageType.SCORE_UPDATED, json));
            assertEquals(result.dataQuality().wireName(), json.get("data_quality").asText());
        }
        JsonNode json = Json.MAPPER.valueToTree(ok.toScoreUpdated());
        assertEquals("ok", json.get("data_quality").asText());
        assertEquals(1.25, json.get("smoothed_score").asDouble(), EPS);
        assertEquals(2.0, json.get("raw_components").get("tx_accel").asDouble(), EPS);
        assertEquals("fallback_gap", gap.toScoreUpdated().dataQuality());
    }

    @Test
    void resultSerialisesSnakeCaseForStorage() {
        JsonNode json = Json.MAPPER.valueToTree(model.score(workedExample(), ScoringState.initial(NAME), settings));
        assertEquals("ok", json.get("data_quality").asText());
        assertEquals(240.0, json.get("metrics").get("tx_1h").asDouble(), EPS);
        assertTrue(json.has("smoothed_components") && json.has("scored_at") && json.has("issues"));
    }

    @Test
    void inputsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ScoringInput.gap(" ", null, 1L));
        assertThrows(IllegalArgumentException.class, () -> ScoringInput.unreadable(MINT, null, 1L, ""));
        var metrics = metrics(window(1, 1, 1.0), window(1, 1, 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> new ScoringInput("So11111111111111111111111111111111111111112", null, 1L, metrics, null));
        assertThrows(IllegalArgumentException.class, () -> new ScoringResult(MINT, NAME, 1L, Double.NaN, 0.0,
                Map.of(), Map.of(), DataQuality.OK, List.of(), Map.of()));
    }

    private static Map<String, Double> roundValues(Map<String, Double> values) {
        return values.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> Math.round(e.getValue() * 1e9) / 1e9));
    }
}
