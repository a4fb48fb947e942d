package io.marketdata.contracts.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** {@code score.updated}: {@code data_quality} is {@code ok}, {@code warning}, {@code fallback_critical} or {@code fallback_gap}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScoreUpdated(
        String mint,
        String model,
        double score,
        double smoothedScore,
        Map<String, Double> rawComponents,
        Map<String, Double> smoothedComponents,
        String dataQuality,
        long scoredAt) {
}
