package io.marketdata.lifecycle.tokens;

import io.agroal.api.AgroalDataSource;
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
import io.marketdata.lifecycle.rules.TokenState;
import io.marketdata.lifecycle.rules.Transition;
import io.marketdata.lifecycle.settings.LifecycleSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies the rules to the stored tokens: one database transaction per message (or per check
 * batch) holding the state change, the history row and the outbox event together. Database errors
 * propagate (the consumer retries the message); events and metrics follow the commit.
 */
@ApplicationScoped
public class LifecycleService {

    private static final Logger LOG = Logger.getLogger(LifecycleService.class);

    @Inject
    AgroalDataSource dataSource;
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

    @FunctionalInterface
    interface Work<T> {
        T run(Connection tx) throws SQLException;
    }

    /** {@code token.created}: a new token in monitoring; a known mint changes nothing. */
    public Outcome tokenCreated(TokenCreated t, String correlationId) throws SQLException {
        Outcome outcome = inTransaction(tx -> {
            Transition created = rules.created();
            if (!store.insert(tx, t, created.at())) {
                return Outcome.ignoredBecause(Ignored.DUPLICATE);
            }
            store.history(tx, t.mint(), created);
            outbox.statusChanged(tx, t.mint(), created, correlationId);
            return Outcome.applied(created);
        });
        return committed("token.created", t.mint(), outcome);
    }

    /** {@code token.metrics}: pools, h1 activity, activation and the low-activity rule. */
    public Outcome tokenMetrics(TokenMetrics m, String correlationId) throws SQLException {
        MetricsSummary summary = MetricsSummary.of(m);
        PipelineSettings p = settings.current();
        Outcome outcome = inTransaction(tx -> {
            TokenState state = store.lock(tx, m.mint());
            if (state == null) {
                return Outcome.ignoredBecause(Ignored.UNKNOWN_MINT);
            }
            Decisions.Metrics d = rules.onMetrics(state, summary, p);
            if (!d.applied()) {
                return Outcome.ignoredBecause(d.ignored());
            }
            store.applyMetrics(tx, m, summary, d.lowActivityChecks(), rules.now());
            return Outcome.applied(record(tx, m.mint(), d.transition(), correlationId));
        });
        return committed("token.metrics", m.mint(), outcome);
    }

    /** {@code score.updated}: latest score, and since when an active token scores below min_score. */
    public Outcome scoreUpdated(ScoreUpdated s, String correlationId) throws SQLException {
        PipelineSettings p = settings.current();
        Outcome outcome = inTransaction(tx -> {
            TokenState state = store.lock(tx, s.mint());
            if (state == null) {
                return Outcome.ignoredBecause(Ignored.UNKNOWN_MINT);
            }
            Decisions.Score d = rules.onScore(state, Instant.ofEpochMilli(s.scoredAt()), s.smoothedScore(), p);
            if (!d.applied()) {
                return Outcome.ignoredBecause(d.ignored());
            }
            store.applyScore(tx, s, d.lowScoreSince(), rules.now());
            return Outcome.applied(null);
        });
        return committed("score.updated", s.mint(), outcome);
    }

    /**
     * The time-based rules over every due token: active below {@code min_score} for
     * {@code low_score_hours} → monitoring; monitoring for {@code archive_after_hours} → archived.
     * Safe to run on several replicas at once (rows are claimed with {@code SKIP LOCKED}).
     *
     * @return the transitions committed by this call
     */
    public List<MintTransition> check() throws SQLException {
        PipelineSettings p = settings.current();
        Instant now = rules.now();
        int batchSize = config.checkBatchSize();
        List<MintTransition> all = new ArrayList<>();
        while (true) {
            List<TokenState> seen = new ArrayList<>();
            List<MintTransition> batch = inTransaction(tx -> {
                List<MintTransition> done = new ArrayList<>();
                List<TokenState> due = store.lockDue(tx, LifecycleRules.lowScoreCutoff(now, p), p.minScore(),
                        LifecycleRules.archiveCutoff(now, p), batchSize);
                seen.addAll(due);
                for (TokenState s : due) {
                    Optional<Transition> t = rules.onCheck(s, p);
                    if (t.isPresent()) {
                        Transition applied = record(tx, s.mint(), t.get(), "lifecycle-check-" + UUID.randomUUID());
                        if (applied != null) {
                            done.add(new MintTransition(s.mint(), applied));
                        }
                    }
                }
                return done;
            });
            for (MintTransition mt : batch) {
                afterCommit(mt.mint(), mt.transition());
            }
            if (!batch.isEmpty()) {
                outbox.wake();
            }
            all.addAll(batch);
            if (seen.size() < batchSize || batch.isEmpty()) {
                return all;
            }
        }
    }

    /** Writes a transition (conditional update, history, outbox); null when there is none or it lost a race. */
    private Transition record(Connection tx, String mint, Transition t, String correlationId) throws SQLException {
        if (t == null) {
            return null;
        }
        if (!store.transition(tx, mint, t)) {
            LOG.debugf("%s: %s → %s already done elsewhere", mint, t.from(), t.to());
            return null;
        }
        outbox.statusChanged(tx, mint, t, correlationId);
        return t;
    }

    private Outcome committed(String type, String mint, Outcome outcome) {
        if (outcome.ignored() != null) {
            metrics.ignored(type, outcome.ignored());
            LOG.debugf("%s for %s ignored: %s", type, mint, outcome.ignored().wire());
        } else if (outcome.transition() != null) {
            afterCommit(mint, outcome.transition());
            outbox.wake();
        }
        return outcome;
    }

    private void afterCommit(String mint, Transition t) {
        metrics.transition(t);
        LOG.infof("token %s: %s → %s (%s)", mint, t.from() == null ? "new" : t.from().wire(), t.to().wire(), t.reason().wire());
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }
}
