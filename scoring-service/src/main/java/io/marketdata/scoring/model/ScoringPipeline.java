package io.marketdata.scoring.model;

import io.marketdata.scoring.model.quality.DataQuality;
import io.marketdata.scoring.model.quality.Fallbacks;
import io.marketdata.scoring.model.quality.QualityReport;
import io.marketdata.contracts.settings.PipelineSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The round every model shares (seed "To The Moon" scoring pipeline):
 * <ol>
 *   <li>no data this round ({@link ScoringInput#isGap()}, or a snapshot without any pool) →
 *       {@code fallback_gap}: score = mean(last 10 scores) × 0.7;</li>
 *   <li>unreadable snapshot, a critical issue from {@link ScoringModel#assess}, or a non-finite
 *       model output → {@code fallback_critical}: score = median(last 10 scores) × 0.5;</li>
 *   <li>otherwise the model computes; verdict {@code warning} if the report has warnings, else {@code ok}.</li>
 * </ol>
 * In every case the smoothed score is the EWMA of the score, so fallbacks pull it down gradually.
 * A fallback computes no components: raw components are empty and the smoothed components are
 * carried forward unchanged.
 */
public final class ScoringPipeline {

    /** Issue code of a round without data. */
    public static final String NO_DATA = "no_data";
    /** Issue code of a snapshot listing no pools (e.g. DexScreener has not indexed the token yet). */
    public static final String NO_POOLS = "no_pools";
    /** Prefix of the issue code for a non-finite model output, followed by the component name. */
    public static final String NON_FINITE_OUTPUT = "non_finite_output_";

    private ScoringPipeline() {
    }

    public static ScoringResult score(ScoringModel model, ScoringInput input, ScoringState previous,
                                      PipelineSettings settings) {
        ScoringState state = previous.forModel(model.name());
        Ewma ewma = new Ewma(settings.ewmaAlpha());
        if (input.isUnreadable()) {
            return fallback(model, input, state, ewma, DataQuality.FALLBACK_CRITICAL, List.of(input.unreadableReason()));
        }
        if (input.isGap()) {
            return fallback(model, input, state, ewma, DataQuality.FALLBACK_GAP, List.of(NO_DATA));
        }
        if (input.metrics().pools() != null && input.metrics().pools().isEmpty()) {
            return fallback(model, input, state, ewma, DataQuality.FALLBACK_GAP, List.of(NO_POOLS));
        }
        QualityReport report = model.assess(input, settings);
        if (report.hasCritical()) {
            return fallback(model, input, state, ewma, DataQuality.FALLBACK_CRITICAL, report.issues());
        }
        RawScore raw = model.compute(input, settings);
        List<String> nonFinite = nonFiniteOutputs(raw);
        if (!nonFinite.isEmpty()) {
            // A model bug must never reach the bus as NaN/∞ (not even representable in JSON).
            return fallback(model, input, state, ewma, DataQuality.FALLBACK_CRITICAL,
                    report.with(nonFinite, List.of()).issues());
        }
        return new ScoringResult(input.mint(), model.name(), input.scoredAt(),
                raw.score(), ewma.next(state.smoothedScore(), raw.score()),
                raw.components(), ewma.next(state.smoothedComponents(), raw.components()),
                report.verdict(), report.issues(), raw.metricsUsed());
    }

    private static ScoringResult fallback(ScoringModel model, ScoringInput input, ScoringState state, Ewma ewma,
                                          DataQuality verdict, List<String> issues) {
        List<Double> history = Fallbacks.window(state.recentScores());
        boolean critical = verdict == DataQuality.FALLBACK_CRITICAL;
        double score = critical ? Fallbacks.critical(history) : Fallbacks.gap(history);
        Map<String, Double> used = new LinkedHashMap<>();
        used.put("history_size", (double) history.size());
        if (!history.isEmpty()) {
            used.put(critical ? "history_median" : "history_mean",
                    critical ? Fallbacks.median(history) : Fallbacks.mean(history));
        }
        return new ScoringResult(input.mint(), model.name(), input.scoredAt(),
                score, ewma.next(state.smoothedScore(), score),
                Map.of(), state.smoothedComponents(), verdict, issues, used);
    }

    private static List<String> nonFiniteOutputs(RawScore raw) {
        List<String> issues = new ArrayList<>();
        raw.components().forEach((name, value) -> {
            if (value == null || !Double.isFinite(value)) {
                issues.add(NON_FINITE_OUTPUT + name);
            }
        });
        if (!Double.isFinite(raw.score())) {
            issues.add(NON_FINITE_OUTPUT + "score");
        }
        return issues;
    }
}
