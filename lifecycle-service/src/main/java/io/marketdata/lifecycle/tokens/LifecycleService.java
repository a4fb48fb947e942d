package io.marketdata.lifecycle.tokens;

import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.contracts.token.TokenCreated;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.lifecycle.config.LifecycleConfig;
import io.marketdata.lifecycle.metrics.LifecycleMetrics;
import io.marketdata.lifecycle.outbox.OutboxRelay;
import io.marketdata.lifecycle.rules.Decisions;
import io.marketdata.lifecycle.rules.Ignored;
import io.marketdata.lifecycle.rules.LifecycleRules;
import io.marketdata.lifecycle.rules.MetricsSummary;
import io.marketdata.lifecycle.rules.Transition;
import io.marketdata.lifecycle.settings.LifecycleSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies the rules to the stored tokens: one reactive transaction ({@code Panache.withTransaction})
 * per message (or per check batch) holding the state change, the history row and the outbox event
 * together. Database errors fail the returned {@code Uni} (the consumer retries the message); events
 * and metrics follow the commit.
 */
@ApplicationScoped
public class LifecycleService {

    private static final Logger LOG = Logger.getLogger(LifecycleService.class);

    @Inject
    TokenStore store;
    @Inject
    LifecycleRules rules;
    @Inject
    LifecycleSettings settings;
    @Inject
    OutboxRelay outbox;
    @Inject
    LifecycleMetrics metrics;
    @Inject
    LifecycleConfig config;

    /** {@code token.created}: a new token in monitoring; a known mint changes nothing. */
    public Uni<Outcome> tokenCreated(TokenCreated t, String correlationId) {
        return Panache.withTransaction(() -> {
            Transition created = rules.created();
            return store.insert(t, created.at()).chain(inserted -> !inserted
                    ? Uni.createFrom().item(Outcome.ignoredBecause(Ignored.DUPLICATE))
                    : store.history(t.mint(), created)
                            .chain(() -> outbox.statusChanged(t.mint(), created, correlationId))
                            .replaceWith(Outcome.applied(created)));
        }).invoke(outcome -> committed("token.created", t.mint(), outcome));
    }

    /** {@code token.metrics}: pools, h1 activity, activation and the low-activity rule. */
    public Uni<Outcome> tokenMetrics(TokenMetrics m, String correlationId) {
        MetricsSummary summary = MetricsSummary.of(m);
        PipelineSettings p = settings.current();
        return Panache.withTransaction(() -> store.lock(m.mint()).chain(token -> {
            if (token == null) {
                return Uni.createFrom().item(Outcome.ignoredBecause(Ignored.UNKNOWN_MINT));
            }
            Decisions.Metrics d = rules.onMetrics(token.state(), summary, p);
            if (!d.applied()) {
                return Uni.createFrom().item(Outcome.ignoredBecause(d.ignored()));
            }
            return store.applyMetrics(token, m, summary, d.lowActivityChecks(), rules.now())
                    .chain(() -> record(m.mint(), d.transition(), correlationId))
                    .map(Outcome::applied);
        })).invoke(outcome -> committed("token.metrics", m.mint(), outcome));
    }

    /** {@code score.updated}: latest score, and since when an active token scores below min_score. */
    public Uni<Outcome> scoreUpdated(ScoreUpdated s, String correlationId) {
        PipelineSettings p = settings.current();
        return Panache.withTransaction(() -> store.lock(s.mint()).map(token -> {
            if (token == null) {
                return Outcome.ignoredBecause(Ignored.UNKNOWN_MINT);
            }
            Decisions.Score d = rules.onScore(token.state(), Instant.ofEpochMilli(s.scoredAt()), s.smoothedScore(), p);
            if (!d.applied()) {
                return Outcome.ignoredBecause(d.ignored());
            }
            store.applyScore(token, s, d.lowScoreSince(), rules.now());
            return Outcome.applied(null);
        })).invoke(outcome -> committed("score.updated", s.mint(), outcome));
    }

    /** One check transaction: how many due rows it claimed, and what it committed. */
    private record Batch(int claimed, List<MintTransition> done) {
    }

    /**
     * The time-based rules over every due token: active below {@code min_score} for
     * {@code low_score_hours} → monitoring; monitoring for {@code archive_after_hours} → archived.
     * Safe to run on several replicas at once (rows are claimed with {@code SKIP LOCKED}).
     *
     * @return the transitions committed by this call
     */
    public Uni<List<MintTransition>> check() {
        PipelineSettings p = settings.current();
        Instant now = rules.now();
        return checkBatches(p, now, config.checkBatchSize(), new ArrayList<>());
    }

    private Uni<List<MintTransition>> checkBatches(PipelineSettings p, Instant now, int batchSize, List<MintTransition> all) {
        return Panache.withTransaction(() -> store.lockDue(LifecycleRules.lowScoreCutoff(now, p), p.minScore(),
                        LifecycleRules.archiveCutoff(now, p), batchSize)
                // one statement at a time: the session is not for concurrent use
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(token -> {
                            Optional<Transition> t = rules.onCheck(token.state(), p);
                            return t.isEmpty() ? Uni.createFrom().<MintTransition>nullItem()
                                    : record(token.mint, t.get(), "lifecycle-check-" + UUID.randomUUID())
                                            .map(applied -> applied == null ? null : new MintTransition(token.mint, applied));
                        })
                        .collect().asList()
                        .map(done -> new Batch(due.size(), done))))
                .chain(batch -> {
                    for (MintTransition mt : batch.done()) {
                        afterCommit(mt.mint(), mt.transition());
                    }
                    if (!batch.done().isEmpty()) {
                        outbox.wake();
                    }
                    all.addAll(batch.done());
                    if (batch.claimed() < batchSize || batch.done().isEmpty()) {
                        return Uni.createFrom().item(all);
                    }
                    return checkBatches(p, now, batchSize, all);
                });
    }

    /** Writes a transition (conditional update, history, outbox); null when there is none or it lost a race. */
    private Uni<Transition> record(String mint, Transition t, String correlationId) {
        if (t == null) {
            return Uni.createFrom().nullItem();
        }
        return store.transition(mint, t).chain(done -> {
            if (!done) {
                LOG.debugf("%s: %s → %s already done elsewhere", mint, t.from(), t.to());
                return Uni.createFrom().nullItem();
            }
            return outbox.statusChanged(mint, t, correlationId).replaceWith(t);
        });
    }

    private void committed(String type, String mint, Outcome outcome) {
        if (outcome.ignored() != null) {
            metrics.ignored(type, outcome.ignored());
            LOG.debugf("%s for %s ignored: %s", type, mint, outcome.ignored().wire());
        } else if (outcome.transition() != null) {
            afterCommit(mint, outcome.transition());
            outbox.wake();
        }
    }

    private void afterCommit(String mint, Transition t) {
        metrics.transition(t);
        LOG.infof("token %s: %s → %s (%s)", mint, t.from() == null ? "new" : t.from().wire(), t.to().wire(), t.reason().wire());
    }
}
