package io.marketdata.scoring.health;

import io.marketdata.scoring.model.ScoringResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The service's own meters (the consumer's, the outbox's and the settings version are registered
 * where those live):
 * <ul>
 *   <li>{@code scoring_scores_total{model, data_quality, source}} — rounds stored and published;</li>
 *   <li>{@code scoring_round_seconds{source}} — one round: lock, state, model, insert, outbox, commit;</li>
 *   <li>{@code scoring_rounds_skipped_total{reason}} — archived, stale, duplicate, unknown_token, no_snapshot;</li>
 *   <li>{@code scoring_status_changes_total{stored}} — token.status_changed applied or older than the stored one.</li>
 * </ul>
 */
@ApplicationScoped
public class ScoringMetrics {

    @Inject
    MeterRegistry registry;

    public void scored(ScoringResult result, String source, long nanos) {
        Counter.builder("scoring_scores_total").description("Scores stored and published")
                .tag("model", result.model()).tag("data_quality", result.dataQuality().wireName()).tag("source", source)
                .register(registry).increment();
        Timer.builder("scoring_round_seconds").description("One scoring round, from the token lock to the commit")
                .tag("source", source).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry).record(Duration.ofNanos(nanos));
    }

    public void skipped(String reason) {
        registry.counter("scoring_rounds_skipped_total", "reason", reason).increment();
    }

    public double skippedCount(String reason) {
        Counter counter = registry.find("scoring_rounds_skipped_total").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    public void statusChange(boolean stored) {
        registry.counter("scoring_status_changes_total", "stored", Boolean.toString(stored)).increment();
    }
}
