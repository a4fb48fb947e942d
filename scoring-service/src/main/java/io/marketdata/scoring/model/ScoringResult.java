package io.marketdata.scoring.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.scoring.model.quality.DataQuality;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one scoring round: what is stored (score history) and published
 * ({@link #toScoreUpdated()}). Every number is finite.
 *
 * @param mint               the token
 * @param model              the model's name
 * @param scoredAt           epoch ms of the round
 * @param score              raw score, or the fallback score when {@link DataQuality#isFallback()}
 * @param smoothedScore      EWMA of the scores
 * @param rawComponents      this round's components; empty for a fallback (nothing was computed)
 * @param smoothedComponents EWMA of the components; a fallback carries the previous ones forward
 * @param dataQuality        the verdict
 * @param issues             issue codes behind the verdict (critical first, then warnings)
 * @param metrics            the inputs used: snapshot values, or for a fallback the history it used
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScoringResult(
        String mint,
        String model,
        long scoredAt,
        double score,
        double smoothedScore,
        Map<String, Double> rawComponents,
        Map<String, Double> smoothedComponents,
        DataQuality dataQuality,
        List<String> issues,
        Map<String, Double> metrics) {

    public ScoringResult {
        requireFinite("score", score);
        requireFinite("smoothed_score", smoothedScore);
        rawComponents.forEach((name, value) -> requireFinite(name, value));
        smoothedComponents.forEach((name, value) -> requireFinite(name, value));
        rawComponents = Collections.unmodifiableMap(new LinkedHashMap<>(rawComponents));
        smoothedComponents = Collections.unmodifiableMap(new LinkedHashMap<>(smoothedComponents));
        issues = List.copyOf(issues);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The {@code score.updated} message for this result. */
    public ScoreUpdated toScoreUpdated() {
        return new ScoreUpdated(mint, model, score, smoothedScore, rawComponents, smoothedComponents,
                dataQuality.wireName(), scoredAt);
    }

    private static void requireFinite(String name, Double value) {
        if (value == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, is " + value);
        }
    }
}
