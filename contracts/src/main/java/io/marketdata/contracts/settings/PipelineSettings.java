package io.marketdata.contracts.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runtime-tunable settings of the token pipeline (SPEC §9.4), one object for every service:
 * scoring (model, weights, α), lifecycle thresholds (§7), TOML export selection (§9.3) and the
 * hot/cold refresh cadence (§5). Serialised snake_case, e.g. {@code w_tx}, {@code ewma_alpha},
 * {@code hot_interval_seconds}; this is also the shape of {@code settings.updated.settings}.
 *
 * <p>Instances are plain values and may be invalid; {@link #validate(Collection)} lists the
 * problems per field, and {@link #merge(Map, Collection)} applies a (partial) change as it comes
 * from {@code PUT /settings} or a {@code settings.updated} message and validates the outcome.
 *
 * @param scoringModel       name of the active scoring model (see the model registry)
 * @param wTx                weight of {@code tx_accel}
 * @param wVol               weight of {@code vol_momentum}
 * @param wFresh             weight of {@code token_freshness}
 * @param wOi                weight of {@code orderflow_imbalance}
 * @param ewmaAlpha          EWMA smoothing factor α ∈ (0, 1]; 1 means no smoothing
 * @param minLiquidityUsd    activation: liquidity of a non-bonding-curve pool, USD
 * @param minTxCount         activation / activity floor: transactions of the token
 * @param minScore           deactivation: smoothed score below this …
 * @param lowScoreHours      … for this many hours
 * @param lowActivityChecks  deactivation: this many consecutive checks below {@code min_tx_count}
 * @param archiveAfterHours  archive a monitoring token after this many hours without activation
 * @param minScoreForConfig  TOML export: smoothed score at least this
 * @param configTopCount     TOML export: at most this many tokens
 * @param hotScoreThreshold  a token with smoothed score ≥ this is hot
 * @param hotIntervalSeconds metrics refresh interval of hot tokens
 * @param coldIntervalSeconds metrics refresh interval of cold tokens
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PipelineSettings(
        String scoringModel,
        double wTx,
        double wVol,
        double wFresh,
        double wOi,
        double ewmaAlpha,
        double minLiquidityUsd,
        int minTxCount,
        double minScore,
        double lowScoreHours,
        int lowActivityChecks,
        double archiveAfterHours,
        double minScoreForConfig,
        int configTopCount,
        double hotScoreThreshold,
        int hotIntervalSeconds,
        int coldIntervalSeconds) {

    /** Tolerance of the weights-sum-to-one rule; wide enough for 0.1 + 0.2 + 0.3 + 0.4 in binary. */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-9;

    /** Error key of the rule that spans the four weights. */
    public static final String WEIGHTS_FIELD = "weights";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    /** snake_case name → Java type of every setting, in declaration order. */
    private static final Map<String, Class<?>> FIELD_TYPES = fieldTypes();

    private static final PipelineSettings DEFAULTS = new PipelineSettings(
            "hybrid_momentum", 0.25, 0.25, 0.25, 0.25, 0.3,
            500.0, 300, 0.5, 6.0, 10, 24.0,
            0.7, 3,
            0.3, 30, 120);

    /** The seeds' defaults ("To The Moon" / "ToTheMoon2", SPEC §5, §7, §8, §9.3). */
    public static PipelineSettings defaults() {
        return DEFAULTS;
    }

    /** The snake_case names of all settings, in declaration order. */
    public static Collection<String> fieldNames() {
        return FIELD_TYPES.keySet();
    }

    /** Builds settings from a complete or partial map: missing keys keep their defaults. */
    public static ValidatedSettings fromMap(Map<String, ?> values, Collection<String> knownModels) {
        return DEFAULTS.merge(values, knownModels);
    }

    /**
     * Reads settings as their owner published them ({@code settings.updated}, {@code GET /api/settings}).
     * Every rule is checked except that the model is one this process knows: model names belong
     * to the scoring-service's registry, and only the owner validates against it.
     */
    public static ValidatedSettings fromPublished(Map<String, ?> values) {
        Object model = values.get("scoring_model");
        Collection<String> anyModel = model instanceof String name ? java.util.List.of(name) : java.util.List.of();
        return DEFAULTS.merge(values, anyModel);
    }

    /**
     * Field-level problems, keyed by the snake_case setting name ({@value #WEIGHTS_FIELD} for the
     * sum rule); empty when valid.
     *
     * @param knownModels names the model registry can resolve
     */
    public Map<String, String> validate(Collection<String> knownModels) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (scoringModel == null || scoringModel.isBlank()) {
            errors.put("scoring_model", "must not be blank");
        } else if (!knownModels.contains(scoringModel)) {
            errors.put("scoring_model", "unknown model '" + scoringModel + "'; known: " + String.join(", ", knownModels));
        }
        boolean weightsUsable = true;
        weightsUsable &= nonNegative(errors, "w_tx", wTx);
        weightsUsable &= nonNegative(errors, "w_vol", wVol);
        weightsUsable &= nonNegative(errors, "w_fresh", wFresh);
        weightsUsable &= nonNegative(errors, "w_oi", wOi);
        if (weightsUsable) {
            double sum = wTx + wVol + wFresh + wOi;
            if (Math.abs(sum - 1.0) > WEIGHT_SUM_TOLERANCE) {
                errors.put(WEIGHTS_FIELD, "w_tx + w_vol + w_fresh + w_oi must sum to 1 (is " + sum + ")");
            }
        }
        if (!Double.isFinite(ewmaAlpha) || ewmaAlpha <= 0.0 || ewmaAlpha > 1.0) {
            errors.put("ewma_alpha", "must be in (0, 1]");
        }
        nonNegative(errors, "min_liquidity_usd", minLiquidityUsd);
        nonNegative(errors, "min_tx_count", minTxCount);
        nonNegative(errors, "min_score", minScore);
        nonNegative(errors, "low_score_hours", lowScoreHours);
        // Zero consecutive checks would deactivate on the first look: at least one is meaningful.
        atLeastOne(errors, "low_activity_checks", lowActivityChecks);
        nonNegative(errors, "archive_after_hours", archiveAfterHours);
        nonNegative(errors, "min_score_for_config", minScoreForConfig);
        nonNegative(errors, "config_top_count", configTopCount);
        nonNegative(errors, "hot_score_threshold", hotScoreThreshold);
        // A zero interval would be a busy loop against DexScreener's rate limit.
        boolean hotOk = atLeastOne(errors, "hot_interval_seconds", hotIntervalSeconds);
        boolean coldOk = atLeastOne(errors, "cold_interval_seconds", coldIntervalSeconds);
        if (hotOk && coldOk && hotIntervalSeconds > coldIntervalSeconds) {
            errors.put("hot_interval_seconds", "must not exceed cold_interval_seconds (" + coldIntervalSeconds + ")");
        }
        return Collections.unmodifiableMap(errors);
    }

    /**
     * Applies {@code changes} (snake_case keys, JSON-like values: numbers, strings) on top of these
     * settings and validates the result. Unknown keys, nulls and wrong types are field errors, as
     * are the rules of {@link #validate(Collection)}; nothing is half-applied.
     */
    public ValidatedSettings merge(Map<String, ?> changes, Collection<String> knownModels) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> merged = toMap();
        for (Map.Entry<String, ?> change : changes.entrySet()) {
            String field = change.getKey();
            Class<?> type = FIELD_TYPES.get(field);
            if (type == null) {
                errors.put(field, "unknown setting");
                continue;
            }
            String typeError = typeError(type, change.getValue());
            if (typeError != null) {
                errors.put(field, typeError);
            } else {
                merged.put(field, change.getValue());
            }
        }
        if (!errors.isEmpty()) {
            return ValidatedSettings.invalid(errors);
        }
        PipelineSettings candidate = MAPPER.convertValue(merged, PipelineSettings.class);
        Map<String, String> ruleErrors = candidate.validate(knownModels);
        return ruleErrors.isEmpty() ? ValidatedSettings.valid(candidate) : ValidatedSettings.invalid(ruleErrors);
    }

    /** snake_case map of every setting, e.g. for {@code settings.updated} or a settings table. */
    public Map<String, Object> toMap() {
        return MAPPER.convertValue(this, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** Hot tokens (smoothed score ≥ {@code hot_score_threshold}) are refreshed more often. */
    public boolean isHot(double smoothedScore) {
        return smoothedScore >= hotScoreThreshold;
    }

    /** How long until a token with this smoothed score should be refreshed again. */
    public Duration refreshInterval(double smoothedScore) {
        return Duration.ofSeconds(isHot(smoothedScore) ? hotIntervalSeconds : coldIntervalSeconds);
    }

    private static String typeError(Class<?> type, Object value) {
        if (value == null) {
            return "must not be null";
        }
        if (type == String.class) {
            return value instanceof String ? null : "must be a string";
        }
        if (!(value instanceof Number number)) {
            return "must be a number";
        }
        if (type == int.class) {
            double d = number.doubleValue();
            // JSON readers may hand 30 as 30.0; accept whole values, refuse fractions and overflow.
            if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
                return "must be a whole number";
            }
        } else if (!Double.isFinite(number.doubleValue())) {
            return "must be a finite number";
        }
        return null;
    }

    private static boolean nonNegative(Map<String, String> errors, String field, double value) {
        if (!Double.isFinite(value) || value < 0.0) {
            errors.put(field, "must be a finite number ≥ 0");
            return false;
        }
        return true;
    }

    private static boolean atLeastOne(Map<String, String> errors, String field, int value) {
        if (value < 1) {
            errors.put(field, "must be ≥ 1");
            return false;
        }
        return true;
    }

    private static Map<String, Class<?>> fieldTypes() {
        PropertyNamingStrategies.SnakeCaseStrategy snake = new PropertyNamingStrategies.SnakeCaseStrategy();
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (RecordComponent component : PipelineSettings.class.getRecordComponents()) {
            types.put(snake.translate(component.getName()), component.getType());
        }
        return Collections.unmodifiableMap(types);
    }
}
