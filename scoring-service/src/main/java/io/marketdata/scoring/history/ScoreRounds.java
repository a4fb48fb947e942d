package io.marketdata.scoring.history;

import io.marketdata.contracts.Json;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.messaging.settings.SettingsFollower.Versioned;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.scoring.bus.EventOutbox;
import io.marketdata.scoring.health.ScoringMetrics;
import io.marketdata.scoring.history.ScoreStore.Source;
import io.marketdata.scoring.model.ModelRegistry;
import io.marketdata.scoring.model.ScoringInput;
import io.marketdata.scoring.model.ScoringModel;
import io.marketdata.scoring.model.ScoringResult;
import io.marketdata.scoring.model.ScoringState;
import io.marketdata.scoring.settings.ActiveSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * One scoring round of one token, in one reactive database transaction ({@code Panache.withTransaction}):
 * <ol>
 *   <li>lock the token's {@code token_inputs} row (rounds of one token never overlap, across threads
 *       and replicas); skip archived tokens and snapshots older than the stored one;</li>
 *   <li>the (mint, model) state: from the {@link StateCache} if it reflects the latest stored round,
 *       otherwise rebuilt from the database (latest smoothed values + last 10 scores);</li>
 *   <li>{@code model.score(input, state, settings)} with the replica's current settings;</li>
 *   <li>insert the score row and point {@code latest_scores} at it (one statement; a redelivered
 *       snapshot hits the unique key and is skipped), store the snapshot, queue {@code score.updated}
 *       on the outbox;</li>
 *   <li>commit, then advance the cached state and wake the outbox relay.</li>
 * </ol>
 * A database failure fails the returned {@code Uni} (the consumer retries the message, or dead-letters it
 * when PostgreSQL refused the data); a model failure is a {@link ScoringFailedException} (the message
 * cannot be scored, ever). A skipped round is rolled back ({@code markForRollback}), as it was over JDBC.
 */
@ApplicationScoped
public class ScoreRounds {

    private static final Logger LOG = Logger.getLogger(ScoreRounds.class);

    /** Issue code of a snapshot that failed its schema (critical: median × 0.5). */
    public static final String SCHEMA_VIOLATION = "schema_violation";

    /** What a round did. */
    public sealed interface Outcome permits Scored, Skipped {
    }

    public record Scored(ScoringResult result, long scoreId) implements Outcome {
    }

    /** Not scored: {@code archived}, {@code stale}, {@code duplicate}, {@code unknown_token}, {@code no_snapshot}. */
    public record Skipped(String reason) implements Outcome {
    }

    /** The model threw or produced an unusable result for this input. */
    public static final class ScoringFailedException extends RuntimeException {
        public ScoringFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The round's input, built under the token's lock. */
    private interface Input {
        /** The input, or null when there is nothing to score. */
        ScoringInput build(TokenInputs.Row row, long now) throws IOException;
    }

    /** Extra writes of the round, inside its transaction. */
    private interface AfterInsert {
        Uni<Void> write();
    }

    /** What the transaction decided; the metrics, the cache and the relay follow the commit. */
    private record Done(Outcome outcome, ScoringState next) {
    }

    @Inject
    ModelRegistry registry;
    @Inject
    ActiveSettings settings;
    @Inject
    EventOutbox outbox;
    @Inject
    StateCache cache;
    @Inject
    ScoringMetrics metrics;

    /** A valid {@code token.metrics} snapshot. */
    public Uni<Outcome> snapshot(TokenMetrics snapshot, String correlationId) {
        return round(snapshot.mint(), Source.METRICS, snapshot.fetchedAt(), true,
                (row, now) -> ScoringInput.snapshot(snapshot,
                        snapshot.migratedAt() != null ? snapshot.migratedAt() : row.migratedAt(), now),
                () -> TokenInputs.storeSnapshot(snapshot, snapshot.migratedAt()), correlationId);
    }

    /**
     * A {@code token.metrics} that failed its schema but names a token this service knows: a
     * critical fallback round ({@code median(last 10 scores) × 0.5}, issue {@value #SCHEMA_VIOLATION}).
     */
    public Uni<Outcome> unreadable(String mint, long fetchedAt, String correlationId) {
        return round(mint, Source.UNREADABLE, fetchedAt, false,
                (row, now) -> ScoringInput.unreadable(mint, row.migratedAt(), now, SCHEMA_VIOLATION),
                () -> Uni.createFrom().voidItem(), correlationId);
    }

    /** A new round now from the token's latest stored snapshot (recalculate-all). */
    public Uni<Outcome> recalculate(String mint, String correlationId) {
        return round(mint, Source.RECALCULATE, null, false, (row, now) -> {
            TokenMetrics stored = row.metrics();
            return stored == null ? null : ScoringInput.snapshot(stored, row.migratedAt(), now);
        }, () -> Uni.createFrom().voidItem(), correlationId);
    }

    private Uni<Outcome> round(String mint, Source source, Long fetchedAt, boolean create, Input input, AfterInsert after,
                               String correlationId) {
        long started = System.nanoTime();
        Versioned version = settings.current();
        PipelineSettings current = version.settings();
        ScoringModel model;
        try {
            model = registry.find(current.scoringModel()).orElseThrow(() -> new IllegalStateException(
                    "scoring model '" + current.scoringModel() + "' of settings version " + version.version()
                            + " is not registered in this replica (known: " + registry.names() + ")"));
        } catch (IllegalStateException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.withTransaction(() -> TokenInputs.lock(mint, model.name(), create).chain(row -> {
            String skip = skipReason(row, source, fetchedAt);
            ScoringInput in = null;
            Long storedFetchedAt = fetchedAt;
            if (skip == null) {
                long now = System.currentTimeMillis();
                try {
                    in = input.build(row, now);
                } catch (IOException e) {
                    LOG.warnf("stored snapshot of %s unreadable: %s", mint, e.getMessage());
                }
                if (in == null) {
                    skip = "no_snapshot";
                } else if (source == Source.RECALCULATE) {
                    storedFetchedAt = row.fetchedAt();
                }
            }
            if (skip != null) {
                return rollback(new Done(new Skipped(skip), null));
            }
            ScoringInput scoringInput = in;
            Long scoreFetchedAt = storedFetchedAt;
            return state(mint, model.name(), row.latestScoreId()).chain(state -> {
                ScoringResult result;
                try {
                    result = model.score(scoringInput, state, current);
                } catch (RuntimeException e) {
                    return Uni.createFrom().failure(
                            new ScoringFailedException("model " + model.name() + " failed on " + mint + ": " + e, e));
                }
                return ScoreStore.insert(result, scoreFetchedAt, source).chain(id -> id.isEmpty()
                        ? rollback(new Done(new Skipped("duplicate"), null))
                        : after.write()
                                .chain(() -> outbox.add(RoutingKeys.SCORE_UPDATED, Json.toBytes(result.toScoreUpdated()),
                                        correlationId))
                                .replaceWith(new Done(new Scored(result, id.getAsLong()), state.after(result))));
            });
        })).map(done -> {
            // committed (or rolled back for a skip)
            if (done.outcome() instanceof Scored scored) {
                cache.put(mint, model.name(), new StateCache.Entry(scored.scoreId(), done.next()));
                outbox.wake();
                metrics.scored(scored.result(), source.column(), System.nanoTime() - started);
            } else {
                String reason = ((Skipped) done.outcome()).reason();
                metrics.skipped(reason);
                if ("duplicate".equals(reason)) {
                    LOG.debugf("%s round of %s skipped: snapshot %d already scored", source.column(), mint, fetchedAt);
                } else {
                    LOG.debugf("%s round of %s skipped: %s", source.column(), mint, reason);
                }
            }
            return done.outcome();
        });
    }

    /** Ends the round's transaction with a rollback (the empty token row it may have created goes too). */
    private static Uni<Done> rollback(Done done) {
        return Panache.currentTransaction().invoke(tx -> tx.markForRollback()).replaceWith(done);
    }

    private static String skipReason(TokenInputs.Row row, Source source, Long fetchedAt) {
        if (row == null) {
            return "unknown_token";
        }
        if (row.archived()) {
            return "archived";
        }
        if (source != Source.RECALCULATE && fetchedAt != null && row.fetchedAt() != null && fetchedAt < row.fetchedAt()) {
            return "stale";
        }
        return null;
    }

    private Uni<ScoringState> state(String mint, String model, Long latestScoreId) {
        if (latestScoreId == null) {
            return Uni.createFrom().item(ScoringState.initial(model));
        }
        StateCache.Entry cached = cache.get(mint, model);
        if (cached != null && cached.scoreId() == latestScoreId) {
            return Uni.createFrom().item(cached.state());
        }
        return ScoreStore.loadState(mint, model, latestScoreId);
    }
}
