package io.marketdata.scoring.model;

import io.marketdata.scoring.model.quality.DataQualityRules;
import io.marketdata.scoring.model.quality.QualityReport;
import io.marketdata.contracts.settings.PipelineSettings;

/**
 * A pluggable scoring model. A new model is one class implementing {@link #name()} and
 * {@link #compute}; as a CDI bean ({@code @Singleton}) the {@link ModelRegistry} finds it, and
 * setting {@code scoring_model} to its name makes it active. Data-quality checks, fallbacks and
 * EWMA smoothing are shared ({@link ScoringPipeline}), so every model behaves alike there.
 *
 * <p>Implementations must be stateless and thread-safe: all history comes in as {@link ScoringState}.
 */
public interface ScoringModel {

    /** Stable name, stored with every score and used as {@code score.updated.model}. */
    String name();

    /**
     * Checks a snapshot before scoring. The default runs {@link DataQualityRules}; a model that
     * needs more (or other) inputs adds its own issues, e.g. with {@code QualityReport.with}.
     * Only called for snapshots ({@code input.metrics() != null}) that have pools.
     */
    default QualityReport assess(ScoringInput input, PipelineSettings settings) {
        return DataQualityRules.assess(input.metrics(), settings);
    }

    /**
     * Raw components and raw score of a snapshot that passed {@link #assess} without critical
     * issues. Must return finite numbers (a non-finite one is treated as a critical issue).
     */
    RawScore compute(ScoringInput input, PipelineSettings settings);

    /**
     * One complete round: quality check, fallback or computation, EWMA smoothing.
     *
     * @param input    this round's snapshot, gap or unreadable snapshot
     * @param previous the token's state (from another model: ignored, see {@link ScoringState#forModel})
     * @param settings valid settings (weights, α, thresholds)
     */
    default ScoringResult score(ScoringInput input, ScoringState previous, PipelineSettings settings) {
        return ScoringPipeline.score(this, input, previous, settings);
    }
}
