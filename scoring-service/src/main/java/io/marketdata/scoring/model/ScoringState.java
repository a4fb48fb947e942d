package io.marketdata.scoring.model;

import io.marketdata.scoring.model.quality.Fallbacks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a round needs from the token's past under one model: the previous smoothed values (EWMA)
 * and the recent scores (fallbacks). Rebuild it from the latest stored score row plus the last
 * {@value Fallbacks#HISTORY_SIZE} scores, or keep it in memory and roll it with {@link #after}.
 *
 * <p>State is per (mint, model): values of another model are not comparable, so
 * {@link #forModel} starts afresh when the active model changed.
 *
 * @param model              the model the values belong to
 * @param smoothedScore      previous smoothed score, null before the first round
 * @param smoothedComponents previous smoothed components (empty before the first round)
 * @param recentScores       recent published scores, oldest first, at most {@value Fallbacks#HISTORY_SIZE}
 */
public record ScoringState(String model, Double smoothedScore, Map<String, Double> smoothedComponents,
                           List<Double> recentScores) {

    public ScoringState {
        Objects.requireNonNull(model, "model");
        smoothedComponents = Collections.unmodifiableMap(new LinkedHashMap<>(smoothedComponents));
        recentScores = Fallbacks.window(recentScores);
    }

    /** No history yet. */
    public static ScoringState initial(String model) {
        return new ScoringState(model, null, Map.of(), List.of());
    }

    /** This state if it belongs to {@code model}, otherwise a fresh one for it. */
    public ScoringState forModel(String otherModel) {
        return model.equals(otherModel) ? this : initial(otherModel);
    }

    /** The state for the next round, after {@code result} was published. */
    public ScoringState after(ScoringResult result) {
        List<Double> scores = new ArrayList<>(recentScores);
        scores.add(result.score());
        return new ScoringState(result.model(), result.smoothedScore(), result.smoothedComponents(), scores);
    }
}
