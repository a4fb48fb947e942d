package io.marketdata.scoring.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model computes from one clean snapshot, before smoothing.
 *
 * @param components  component name → raw value, in the model's order
 * @param score       the raw score (for weighted models, the weighted sum of the components)
 * @param metricsUsed the input values the components were computed from, stored with the score
 */
public record RawScore(Map<String, Double> components, double score, Map<String, Double> metricsUsed) {

    public RawScore {
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        metricsUsed = Collections.unmodifiableMap(new LinkedHashMap<>(metricsUsed));
    }
}
