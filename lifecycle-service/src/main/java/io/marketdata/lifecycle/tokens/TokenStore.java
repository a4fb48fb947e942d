package io.marketdata.lifecycle.tokens;

import io.marketdata.contracts.token.PoolMetrics;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.contracts.token.TokenCreated;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.lifecycle.rules.MetricsSummary;
import io.marketdata.lifecycle.rules.Status;
import io.marketdata.lifecycle.rules.Transition;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.LockMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of the lifecycle, each inside the caller's reactive transaction
 * ({@code Panache.withTransaction}). A token's row is locked ({@code PESSIMISTIC_WRITE}, i.e.
 * {@code SELECT … FOR NO KEY UPDATE}) before its rules are evaluated, and every status change is a
 * conditional {@code update … where mint = ? and status = ?}: with several replicas a transition
 * happens once.
 */
@ApplicationScoped
public class TokenStore {

    /**
     * Inserts a new token in {@code monitoring}; false when the mint is already known (nothing written).
     * Native SQL: {@code ON CONFLICT DO NOTHING} keeps a concurrent duplicate from failing with 23505.
     */
    public Uni<Boolean> insert(TokenCreated t, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("INSERT INTO lifecycle.tokens (mint, name, "
                        + "symbol, signature, venue, migrated_at, created_at, updated_at, status, status_since) "
                        + "VALUES (:mint, :name, :symbol, :signature, :venue, :migratedAt, :at, :at, 'monitoring', :at) "
                        + "ON CONFLICT (mint) DO NOTHING")
                .setParameter("mint", t.mint())
                .setParameter("name", t.name())
                .setParameter("symbol", t.symbol())
                .setParameter("signature", t.signature())
                .setParameter("venue", t.venue())
                .setParameter("migratedAt", Instant.ofEpochMilli(t.migratedAt()))
                .setParameter("at", at)
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** The token, its row locked until the transaction ends; null for an unknown mint. */
    public Uni<Token> lock(String mint) {
        return Token.findById(mint, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Tokens the periodic check may have to move, locked; rows another transaction holds are
     * skipped ({@code FOR UPDATE SKIP LOCKED}: they are looked at again on the next check).
     */
    public Uni<List<Token>> lockDue(Instant lowScoreCutoff, double minScore, Instant archiveCutoff, int limit) {
        return Panache.getSession().chain(session -> session.createSelectionQuery("from Token where "
                                + "(status = 'active' and lowScoreSince is not null and lowScoreSince <= :lowScoreCutoff "
                                + "and smoothedScore < :minScore) or (status = 'monitoring' and statusSince <= :archiveCutoff) "
                                + "order by mint", Token.class)
                .setParameter("lowScoreCutoff", lowScoreCutoff)
                .setParameter("minScore", minScore)
                .setParameter("archiveCutoff", archiveCutoff)
                .setMaxResults(limit)
                .setLockMode(LockMode.UPGRADE_SKIPLOCKED)
                .getResultList());
    }

    /** Stores the snapshot's token-level figures, the low-activity counter and the pools. */
    public Uni<Void> applyMetrics(Token token, TokenMetrics m, MetricsSummary summary, int lowActivityChecks, Instant now) {
        token.metricsAt = summary.fetchedAt();
        token.h1TxCount = summary.h1Transactions();
        token.h1VolumeUsd = Token.finite(summary.h1VolumeUsd());
        token.liquidityUsd = Token.finite(summary.tradeableLiquidity());
        token.priceUsd = Token.finite(m.priceUsd());
        token.fdv = Token.finite(m.fdv());
        token.lowActivityChecks = lowActivityChecks;
        token.updatedAt = now;
        return upsertPools(token.mint, m.pools() == null ? List.of() : m.pools(), summary.fetchedAt());
    }

    /**
     * The snapshot's pools become (or stay) active with their latest figures; the token's pools
     * missing from it become inactive. {@code first_seen} is kept, {@code last_seen} moves on. No two
     * transactions write one token's pools at once: each holds the token's row lock.
     */
    Uni<Void> upsertPools(String mint, List<PoolMetrics> pools, Instant seen) {
        Map<String, PoolMetrics> byAddress = new LinkedHashMap<>();
        for (PoolMetrics p : pools) {
            byAddress.put(p.address(), p); // a pool listed twice: the last entry wins
        }
        return Pool.<Pool>list("mint", mint).chain(stored -> {
            Map<String, Pool> known = new LinkedHashMap<>();
            for (Pool pool : stored) {
                known.put(pool.address, pool);
                if (pool.active && !byAddress.containsKey(pool.address)) {
                    pool.active = false;
                }
            }
            List<Pool> added = new java.util.ArrayList<>();
            for (PoolMetrics p : byAddress.values()) {
                Pool pool = known.get(p.address());
                if (pool == null) {
                    pool = new Pool();
                    pool.mint = mint;
                    pool.address = p.address();
                    pool.firstSeen = seen;
                    added.add(pool);
                }
                pool.dex = p.dex();
                pool.labels = (p.labels() == null ? List.<String>of() : p.labels()).toArray(String[]::new);
                pool.liquidityUsd = Token.finite(p.liquidityUsd());
                pool.quoteSymbol = p.quoteSymbol();
                pool.quoteAddress = p.quoteAddress();
                pool.priceUsd = Token.finite(p.priceUsd());
                pool.tradeable = p.tradeable();
                pool.active = true;
                pool.lastSeen = seen;
            }
            return added.isEmpty() ? Uni.createFrom().voidItem() : Pool.persist(added);
        });
    }

    /** Stores the latest score and the token's {@code low_score_since}. */
    public void applyScore(Token token, ScoreUpdated s, Instant lowScoreSince, Instant now) {
        token.scoreModel = s.model();
        token.score = s.score();
        token.smoothedScore = s.smoothedScore();
        token.scoredAt = Instant.ofEpochMilli(s.scoredAt());
        token.lowScoreSince = lowScoreSince;
        token.updatedAt = now;
    }

    /**
     * Moves the token from {@code t.from()} to {@code t.to()} if it is still in {@code t.from()},
     * restarting {@code status_since} and clearing both counters, and writes the history row. Pending
     * entity changes are flushed first, so the conditional update is the last word on the row.
     *
     * @return false when the token was no longer in {@code t.from()} (nothing written)
     */
    public Uni<Boolean> transition(String mint, Transition t) {
        String set = "status = :to, statusSince = :at, updatedAt = :at, lowActivityChecks = 0, lowScoreSince = null"
                + (t.to() == Status.ACTIVE ? ", activatedAt = :at" : "")
                + (t.to() == Status.ARCHIVED ? ", archivedAt = :at" : "");
        return Panache.flush()
                .chain(() -> Token.update(set + " where mint = :mint and status = :from",
                        Map.<String, Object>of("to", t.to().wire(), "at", t.at(), "mint", mint, "from", t.from().wire())))
                .chain(rows -> rows != 1 ? Uni.createFrom().item(false) : history(mint, t).replaceWith(true));
    }

    /** A row of the status history. */
    public Uni<Void> history(String mint, Transition t) {
        return StatusChange.of(mint, t).persist().replaceWithVoid();
    }
}
