package io.marketdata.lifecycle.tokens;

import io.marketdata.contracts.token.PoolMetrics;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.contracts.token.TokenCreated;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.lifecycle.rules.MetricsSummary;
import io.marketdata.lifecycle.rules.Status;
import io.marketdata.lifecycle.rules.TokenState;
import io.marketdata.lifecycle.rules.Transition;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of the lifecycle, each inside the caller's transaction. A token's row is locked
 * ({@code FOR UPDATE}) before its rules are evaluated, and every status change is a conditional
 * {@code UPDATE … WHERE mint = ? AND status = ?}: with several replicas a transition happens once.
 */
@ApplicationScoped
public class TokenStore {

    private static final String STATE_COLUMNS =
            "mint, status, status_since, metrics_at, low_activity_checks, smoothed_score, scored_at, low_score_since";

    /** Inserts a new token in {@code monitoring}; false when the mint is already known (nothing written). */
    public boolean insert(Connection c, TokenCreated t, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lifecycle.tokens (mint, name, symbol, signature, venue, "
                + "migrated_at, created_at, updated_at, status, status_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'monitoring', ?) "
                + "ON CONFLICT (mint) DO NOTHING")) {
            ps.setString(1, t.mint());
            ps.setString(2, t.name());
            ps.setString(3, t.symbol());
            ps.setString(4, t.signature());
            ps.setString(5, t.venue());
            Sql.setInstant(ps, 6, Instant.ofEpochMilli(t.migratedAt()));
            Sql.setInstant(ps, 7, at);
            Sql.setInstant(ps, 8, at);
            Sql.setInstant(ps, 9, at);
            return ps.executeUpdate() == 1;
        }
    }

    /** The token's state, its row locked until the transaction ends; null for an unknown mint. */
    public TokenState lock(Connection c, String mint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + STATE_COLUMNS + " FROM lifecycle.tokens WHERE mint = ? FOR UPDATE")) {
            ps.setString(1, mint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? state(rs) : null;
            }
        }
    }

    /**
     * Tokens the periodic check may have to move, locked; rows another transaction holds are
     * skipped (they are looked at again on the next check).
     */
    public List<TokenState> lockDue(Connection c, Instant lowScoreCutoff, double minScore, Instant archiveCutoff, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + STATE_COLUMNS + " FROM lifecycle.tokens WHERE "
                + "(status = 'active' AND low_score_since IS NOT NULL AND low_score_since <= ? AND smoothed_score < ?) "
                + "OR (status = 'monitoring' AND status_since <= ?) "
                + "ORDER BY mint LIMIT ? FOR UPDATE SKIP LOCKED")) {
            Sql.setInstant(ps, 1, lowScoreCutoff);
            ps.setDouble(2, minScore);
            Sql.setInstant(ps, 3, archiveCutoff);
            ps.setInt(4, limit);
            List<TokenState> due = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(state(rs));
                }
            }
            return due;
        }
    }

    private static TokenState state(ResultSet rs) throws SQLException {
        return new TokenState(rs.getString("mint"), Status.fromWire(rs.getString("status")), Sql.instant(rs, "status_since"),
                Sql.instant(rs, "metrics_at"), rs.getInt("low_activity_checks"), Sql.nullableDouble(rs, "smoothed_score"),
                Sql.instant(rs, "scored_at"), Sql.instant(rs, "low_score_since"));
    }

    /** Stores the snapshot's token-level figures and the low-activity counter. */
    public void applyMetrics(Connection c, TokenMetrics m, MetricsSummary summary, int lowActivityChecks, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE lifecycle.tokens SET metrics_at = ?, h1_tx_count = ?, "
                + "h1_volume_usd = ?, liquidity_usd = ?, price_usd = ?, fdv = ?, low_activity_checks = ?, updated_at = ? "
                + "WHERE mint = ?")) {
            Sql.setInstant(ps, 1, summary.fetchedAt());
            ps.setLong(2, summary.h1Transactions());
            ps.setDouble(3, summary.h1VolumeUsd());
            ps.setDouble(4, summary.tradeableLiquidity());
            Sql.setDouble(ps, 5, m.priceUsd());
            Sql.setDouble(ps, 6, m.fdv());
            ps.setInt(7, lowActivityChecks);
            Sql.setInstant(ps, 8, now);
            ps.setString(9, m.mint());
            ps.executeUpdate();
        }
        upsertPools(c, m.mint(), m.pools() == null ? List.of() : m.pools(), summary.fetchedAt());
    }

    /**
     * The snapshot's pools become (or stay) active with their latest figures; the token's pools
     * missing from it become inactive. {@code first_seen} is kept, {@code last_seen} moves on.
     */
    void upsertPools(Connection c, String mint, List<PoolMetrics> pools, Instant seen) throws SQLException {
        Map<String, PoolMetrics> byAddress = new LinkedHashMap<>();
        for (PoolMetrics p : pools) {
            byAddress.put(p.address(), p); // a pool listed twice: the last entry wins
        }
        if (!byAddress.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO lifecycle.pools (mint, address, dex, labels, "
                    + "liquidity_usd, quote_symbol, quote_address, price_usd, tradeable, active, first_seen, last_seen) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?) ON CONFLICT (mint, address) DO UPDATE SET "
                    + "dex = excluded.dex, labels = excluded.labels, liquidity_usd = excluded.liquidity_usd, "
                    + "quote_symbol = excluded.quote_symbol, quote_address = excluded.quote_address, "
                    + "price_usd = excluded.price_usd, tradeable = excluded.tradeable, active = true, "
                    + "last_seen = excluded.last_seen")) {
                for (PoolMetrics p : byAddress.values()) {
                    ps.setString(1, mint);
                    ps.setString(2, p.address());
                    ps.setString(3, p.dex());
                    ps.setArray(4, c.createArrayOf("text", (p.labels() == null ? List.<String>of() : p.labels()).toArray()));
                    Sql.setDouble(ps, 5, p.liquidityUsd());
                    ps.setString(6, p.quoteSymbol());
                    ps.setString(7, p.quoteAddress());
                    Sql.setDouble(ps, 8, p.priceUsd());
                    ps.setBoolean(9, p.tradeable());
                    Sql.setInstant(ps, 10, seen);
                    Sql.setInstant(ps, 11, seen);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE lifecycle.pools SET active = false WHERE mint = ? AND active AND NOT (address = ANY (?))")) {
            ps.setString(1, mint);
            ps.setArray(2, c.createArrayOf("text", byAddress.keySet().toArray()));
            ps.executeUpdate();
        }
    }

    /** Stores the latest score and the token's {@code low_score_since}. */
    public void applyScore(Connection c, ScoreUpdated s, Instant lowScoreSince, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE lifecycle.tokens SET score_model = ?, score = ?, "
                + "smoothed_score = ?, scored_at = ?, low_score_since = ?, updated_at = ? WHERE mint = ?")) {
            ps.setString(1, s.model());
            ps.setDouble(2, s.score());
            ps.setDouble(3, s.smoothedScore());
            Sql.setInstant(ps, 4, Instant.ofEpochMilli(s.scoredAt()));
            Sql.setInstant(ps, 5, lowScoreSince);
            Sql.setInstant(ps, 6, now);
            ps.setString(7, s.mint());
            ps.executeUpdate();
        }
    }

    /**
     * Moves the token from {@code t.from()} to {@code t.to()} if it is still in {@code t.from()},
     * restarting {@code status_since} and clearing both counters, and writes the history row.
     *
     * @return false when the token was no longer in {@code t.from()} (nothing written)
     */
    public boolean transition(Connection c, String mint, Transition t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE lifecycle.tokens SET status = ?, status_since = ?, "
                + "updated_at = ?, low_activity_checks = 0, low_score_since = NULL, "
                + "activated_at = CASE WHEN ? = 'active' THEN ? ELSE activated_at END, "
                + "archived_at = CASE WHEN ? = 'archived' THEN ? ELSE archived_at END "
                + "WHERE mint = ? AND status = ?")) {
            ps.setString(1, t.to().wire());
            Sql.setInstant(ps, 2, t.at());
            Sql.setInstant(ps, 3, t.at());
            ps.setString(4, t.to().wire());
            Sql.setInstant(ps, 5, t.at());
            ps.setString(6, t.to().wire());
            Sql.setInstant(ps, 7, t.at());
            ps.setString(8, mint);
            ps.setString(9, t.from().wire());
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        history(c, mint, t);
        return true;
    }

    /** A row of the status history. */
    public void history(Connection c, String mint, Transition t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lifecycle.status_history "
                + "(mint, old_status, new_status, reason, changed_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, mint);
            ps.setString(2, t.from() == null ? null : t.from().wire());
            ps.setString(3, t.to().wire());
            ps.setString(4, t.reason().wire());
            Sql.setInstant(ps, 5, t.at());
            ps.executeUpdate();
        }
    }
}
