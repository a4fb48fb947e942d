package io.marketdata.lifecycle.tokens;

import io.agroal.api.AgroalDataSource;
import io.marketdata.lifecycle.rules.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reads of the HTTP API (and the status gauge). */
@ApplicationScoped
public class TokenQueries {

    /** Sort keys of {@code GET /api/tokens}. */
    public enum Sort {
        SCORE("t.smoothed_score"), CREATED("t.created_at"), UPDATED("t.updated_at");

        final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    private static final String TOKEN_SELECT = "SELECT t.*, "
            + "(SELECT count(*) FROM lifecycle.pools p WHERE p.mint = t.mint) AS pool_count, "
            + "(SELECT count(*) FROM lifecycle.pools p WHERE p.mint = t.mint AND p.active) AS active_pool_count "
            + "FROM lifecycle.tokens t ";

    @Inject
    AgroalDataSource dataSource;

    /** Tokens, optionally of one status, sorted (nulls last in both directions, then by mint). */
    public List<TokenView> list(Status status, Sort sort, boolean ascending, int limit) throws SQLException {
        String dir = ascending ? "ASC" : "DESC";
        String sql = TOKEN_SELECT + (status == null ? "" : "WHERE t.status = ? ") + "ORDER BY " + sort.column + " " + dir
                + " NULLS LAST, t.mint " + dir + " LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (status != null) {
                ps.setString(i++, status.wire());
            }
            ps.setInt(i, limit);
            List<TokenView> tokens = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tokens.add(token(rs));
                }
            }
            return tokens;
        }
    }

    public Optional<TokenView> find(String mint) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TOKEN_SELECT + "WHERE t.mint = ?")) {
            ps.setString(1, mint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(token(rs)) : Optional.empty();
            }
        }
    }

    public boolean exists(String mint) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM lifecycle.tokens WHERE mint = ?")) {
            ps.setString(1, mint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The token's pools: tradeable first, then by liquidity (highest first, unknown last). */
    public List<PoolView> pools(String mint) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM lifecycle.pools "
                + "WHERE mint = ? ORDER BY tradeable DESC, liquidity_usd DESC NULLS LAST, address")) {
            ps.setString(1, mint);
            List<PoolView> pools = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array labels = rs.getArray("labels");
                    pools.add(new PoolView(rs.getString("address"), rs.getString("dex"),
                            labels == null ? List.of() : Arrays.asList((String[]) labels.getArray()),
                            Sql.nullableDouble(rs, "liquidity_usd"), rs.getString("quote_symbol"), rs.getString("quote_address"),
                            Sql.nullableDouble(rs, "price_usd"), rs.getBoolean("tradeable"), rs.getBoolean("active"),
                            Sql.epochMs(rs, "first_seen"), Sql.epochMs(rs, "last_seen")));
                }
            }
            return pools;
        }
    }

    /** The token's status history, newest first. */
    public List<HistoryEntry> history(String mint) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM "
                + "lifecycle.status_history WHERE mint = ? ORDER BY changed_at DESC, id DESC")) {
            ps.setString(1, mint);
            List<HistoryEntry> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new HistoryEntry(rs.getLong("id"), rs.getString("mint"), rs.getString("old_status"),
                            rs.getString("new_status"), rs.getString("reason"), Sql.epochMs(rs, "changed_at")));
                }
            }
            return rows;
        }
    }

    /** Tokens per status (every status present, 0 when none). */
    public Map<Status, Long> counts() throws SQLException {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0L);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT status, count(*) FROM lifecycle.tokens GROUP BY status");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Optional<Status> status = Status.parse(rs.getString(1));
                if (status.isPresent()) {
                    counts.put(status.get(), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private static TokenView token(ResultSet rs) throws SQLException {
        return new TokenView(rs.getString("mint"), rs.getString("name"), rs.getString("symbol"), rs.getString("signature"),
                rs.getString("venue"), Sql.epochMs(rs, "migrated_at"), Sql.epochMs(rs, "created_at"),
                Sql.epochMs(rs, "updated_at"), rs.getString("status"), Sql.epochMs(rs, "status_since"),
                Sql.epochMs(rs, "activated_at"), Sql.epochMs(rs, "archived_at"), rs.getString("score_model"),
                Sql.nullableDouble(rs, "score"), Sql.nullableDouble(rs, "smoothed_score"), Sql.epochMs(rs, "scored_at"),
                Sql.epochMs(rs, "low_score_since"), Sql.epochMs(rs, "metrics_at"), Sql.nullableLong(rs, "h1_tx_count"),
                Sql.nullableDouble(rs, "h1_volume_usd"), Sql.nullableDouble(rs, "liquidity_usd"),
                Sql.nullableDouble(rs, "price_usd"), Sql.nullableDouble(rs, "fdv"), rs.getInt("low_activity_checks"),
                rs.getInt("pool_count"), rs.getInt("active_pool_count"));
    }
}
