package io.marketdata.contracts.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.token.SettingsUpdated;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {

    private static final List<String> MODELS = List.of("hybrid_momentum");
    private final PipelineSettings defaults = PipelineSettings.defaults();

    private Map<String, String> errorsOf(Map<String, ?> changes) {
        ValidatedSettings result = defaults.merge(changes, MODELS);
        assertFalse(result.isValid(), "expected errors for " + changes);
        assertNull(result.settings());
        return result.errors();
    }

    @Test
    void defaultsAreTheSeedsAndValid() {
        assertEquals("hybrid_momentum", defaults.scoringModel());
        assertEquals(List.of(0.25, 0.25, 0.25, 0.25), List.of(defaults.wTx(), defaults.wVol(), defaults.wFresh(), defaults.wOi()));
        assertEquals(0.3, defaults.ewmaAlpha());
        assertEquals(500.0, defaults.minLiquidityUsd());
        assertEquals(300, defaults.minTxCount());
        assertEquals(0.5, defaults.minScore());
        assertEquals(6.0, defaults.lowScoreHours());
        assertEquals(10, defaults.lowActivityChecks());
        assertEquals(24.0, defaults.archiveAfterHours());
        assertEquals(0.7, defaults.minScoreForConfig());
        assertEquals(3, defaults.configTopCount());
        assertEquals(0.3, defaults.hotScoreThreshold());
        assertEquals(30, defaults.hotIntervalSeconds());
        assertEquals(120, defaults.coldIntervalSeconds());
        assertEquals(Map.of(), defaults.validate(MODELS));
    }

    @Test
    void serialisesSnakeCaseAndBack() throws Exception {
        byte[] json = Json.toBytes(defaults);
        JsonNode tree = Json.MAPPER.readTree(json);
        assertEquals(List.copyOf(PipelineSettings.fieldNames()), iterableToList(tree.fieldNames()));
        assertEquals(0.25, tree.get("w_tx").asDouble());
        assertEquals(0.3, tree.get("ewma_alpha").asDouble());
        assertEquals(120, tree.get("cold_interval_seconds").asInt());
        assertEquals(defaults, Json.fromBytes(json, PipelineSettings.class));
    }

    @Test
    void travelsInSettingsUpdated() throws Exception {
        PipelineSettings changed = defaults.merge(Map.of("min_score", 0.6), MODELS).orElseThrow();
        byte[] body = Json.toBytes(new SettingsUpdated(7, changed.toMap(), 1_730_000_000_000L));
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.SETTINGS_UPDATED, body));
        SettingsUpdated received = Json.fromBytes(body, SettingsUpdated.class);
        assertEquals(changed, PipelineSettings.fromMap(received.settings(), MODELS).orElseThrow());
    }

    @Test
    void partialChangeKeepsTheRest() {
        PipelineSettings changed = defaults.merge(Map.of("w_tx", 0.4, "w_vol", 0.1, "hot_interval_seconds", 15), MODELS)
                .orElseThrow();
        assertEquals(0.4, changed.wTx());
        assertEquals(0.1, changed.wVol());
        assertEquals(15, changed.hotIntervalSeconds());
        assertEquals(defaults.wFresh(), changed.wFresh());
        assertEquals(defaults.minTxCount(), changed.minTxCount());
        assertEquals(defaults, PipelineSettings.fromMap(Map.of(), MODELS).orElseThrow());
    }

    @Test
    void weightsMustSumToOne() {
        assertEquals(Map.of("weights", "w_tx + w_vol + w_fresh + w_oi must sum to 1 (is 1.1)"),
                errorsOf(Map.of("w_tx", 0.35)));
        // 0.1 + 0.2 + 0.3 + 0.4 is 1.0000000000000002 in binary: inside the 1e-9 tolerance
        assertTrue(defaults.merge(Map.of("w_tx", 0.1, "w_vol", 0.2, "w_fresh", 0.3, "w_oi", 0.4), MODELS).isValid());
        // 1 + 1e-8 is outside
        assertTrue(errorsOf(Map.of("w_tx", 0.25 + 1e-8)).containsKey("weights"));
    }

    @Test
    void negativeWeightIsAFieldErrorNotASumError() {
        assertEquals(Map.of("w_oi", "must be a finite number ≥ 0"),
                errorsOf(Map.of("w_tx", 0.5, "w_vol", 0.5, "w_fresh", 0.25, "w_oi", -0.25)));
    }

    @Test
    void alphaMustBeInZeroToOne() {
        assertEquals(Map.of("ewma_alpha", "must be in (0, 1]"), errorsOf(Map.of("ewma_alpha", 0)));
        assertEquals(Map.of("ewma_alpha", "must be in (0, 1]"), errorsOf(Map.of("ewma_alpha", 1.5)));
        assertTrue(defaults.merge(Map.of("ewma_alpha", 1), MODELS).isValid());
        PipelineSettings nanAlpha = new PipelineSettings("hybrid_momentum", 0.25, 0.25, 0.25, 0.25, Double.NaN,
                500, 300, 0.5, 6, 10, 24, 0.7, 3, 0.3, 30, 120);
        assertEquals(Map.of("ewma_alpha", "must be in (0, 1]"), nanAlpha.validate(MODELS));
    }

    @Test
    void thresholdsMustNotBeNegative() {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("min_liquidity_usd", -1);
        changes.put("min_tx_count", -300);
        changes.put("min_score", -0.5);
        changes.put("low_score_hours", -6);
        changes.put("archive_after_hours", -24);
        changes.put("min_score_for_config", -0.7);
        changes.put("config_top_count", -3);
        changes.put("hot_score_threshold", -0.3);
        Map<String, String> errors = errorsOf(changes);
        assertEquals(changes.keySet(), errors.keySet());
        errors.values().forEach(message -> assertEquals("must be a finite number ≥ 0", message));
        // zero is allowed for thresholds
        assertTrue(defaults.merge(Map.of("min_score", 0, "config_top_count", 0, "min_tx_count", 0), MODELS).isValid());
    }

    @Test
    void countsAndIntervalsMustBeAtLeastOne() {
        assertEquals(Map.of("low_activity_checks", "must be ≥ 1", "hot_interval_seconds", "must be ≥ 1"),
                errorsOf(Map.of("low_activity_checks", 0, "hot_interval_seconds", 0)));
        assertEquals(Map.of("hot_interval_seconds", "must not exceed cold_interval_seconds (120)"),
                errorsOf(Map.of("hot_interval_seconds", 300)));
    }

    @Test
    void modelMustBeKnown() {
        assertEquals(Map.of("scoring_model", "unknown model 'moon_v2'; known: hybrid_momentum"),
                errorsOf(Map.of("scoring_model", "moon_v2")));
        assertEquals(Map.of("scoring_model", "must not be blank"), errorsOf(Map.of("scoring_model", " ")));
        assertTrue(defaults.merge(Map.of("scoring_model", "moon_v2"), List.of("hybrid_momentum", "moon_v2")).isValid());
    }

    @Test
    void unknownKeysNullsAndWrongTypesAreFieldErrors() {
        Map<String, Object> changes = new HashMap<>();
        changes.put("w_txx", 0.3);
        changes.put("ewma_alpha", "0.3");
        changes.put("min_tx_count", 12.5);
        changes.put("scoring_model", 5);
        changes.put("min_score", null);
        changes.put("config_top_count", 1e12);
        assertEquals(Map.of(
                "w_txx", "unknown setting",
                "ewma_alpha", "must be a number",
                "min_tx_count", "must be a whole number",
                "scoring_model", "must be a string",
                "min_score", "must not be null",
                "config_top_count", "must be a whole number"), errorsOf(changes));
    }

    @Test
    void wholeNumbersMayArriveAsDecimals() {
        PipelineSettings changed = defaults.merge(Map.of("min_tx_count", 250.0, "min_liquidity_usd", 750), MODELS).orElseThrow();
        assertEquals(250, changed.minTxCount());
        assertEquals(750.0, changed.minLiquidityUsd());
    }

    @Test
    void allErrorsAreReportedAtOnce() {
        Map<String, String> errors = errorsOf(Map.of("w_tx", 0.9, "ewma_alpha", 0, "scoring_model", "nope"));
        assertEquals(List.of("scoring_model", "weights", "ewma_alpha"), List.copyOf(errors.keySet()));
    }

    @Test
    void invalidResultHasNoSettings() {
        ValidatedSettings invalid = defaults.merge(Map.of("ewma_alpha", 2), MODELS);
        IllegalStateException e = assertThrows(IllegalStateException.class, invalid::orElseThrow);
        assertTrue(e.getMessage().contains("ewma_alpha"));
    }

    @Test
    void hotTokensAreRefreshedMoreOften() {
        assertTrue(defaults.isHot(0.3));
        assertFalse(defaults.isHot(0.29));
        assertEquals(Duration.ofSeconds(30), defaults.refreshInterval(0.9));
        assertEquals(Duration.ofMinutes(2), defaults.refreshInterval(0.1));
    }

    private static List<String> iterableToList(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
