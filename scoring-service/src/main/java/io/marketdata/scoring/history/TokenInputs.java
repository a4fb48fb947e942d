package io.marketdata.scoring.history;

import io.marketdata.contracts.Json;
import io.marketdata.contracts.token.TokenMetrics;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scoring.token_inputs}: the latest snapshot of each token, its migration time and its
 * lifecycle status. Locking a token's row serialises its scoring rounds across threads and replicas.
 */
public final class TokenInputs {

    public static final String ARCHIVED = "archived";

    /**
     * A token's row, read under lock.
     *
     * @param latestScoreId id of the latest score row of (mint, model), null before the first round
     */
    public record Row(String mint, String metricsJson, Long fetchedAt, Long migratedAt, String status, Long latestScoreId) {

        public boolean archived() {
            return ARCHIVED.equals(status);
        }

        public TokenMetrics metrics() throws IOException {
            return metricsJson == null ? null : Json.MAPPER.readValue(metricsJson, TokenMetrics.class);
        }
    }

    private TokenInputs() {
    }

    /**
     * Locks the token's row for the rest of the transaction, creating an empty one first if asked,
     * and reads it with the id of the latest score row of (mint, model).
     *
     * @return the row, or null when it does not exist and {@code create} is false
     */
    public static Row lock(Connection c, String mint, String model, boolean create) throws SQLException {
        Row row = select(c, mint, model);
        if (row == null && create) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO scoring.token_inputs (mint) VALUES (?) ON CONFLICT (mint) DO NOTHING")) {
                ps.setString(1, mint);
                ps.executeUpdate();
            }
            row = select(c, mint, model);
        }
        return row;
    }

    private static Row select(Connection c, String mint, String model) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT t.metrics::text, t.fetched_at, t.migrated_at, t.status, "
                + "l.score_id FROM scoring.token_inputs t LEFT JOIN scoring.latest_scores l ON l.mint = t.mint AND l.model = ? "
                + "WHERE t.mint = ? FOR UPDATE OF t")) {
            ps.setString(1, model);
            ps.setString(2, mint);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long latest = rs.getLong(5);
                Long latestScoreId = rs.wasNull() ? null : latest;
                return new Row(mint, rs.getString(1), millis(rs.getTimestamp(2)), millis(rs.getTimestamp(3)), rs.getString(4),
                        latestScoreId);
            }
        }
    }

    /** Stores a snapshot as the token's latest (the caller checked it is not older than the stored one). */
    public static void storeSnapshot(Connection c, TokenMetrics metrics, Long migratedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE scoring.token_inputs SET metrics = ?::jsonb, fetched_at = ?, "
                + "migrated_at = coalesce(?, migrated_at), updated_at = now() WHERE mint = ?")) {
            ps.setString(1, new String(Json.toBytes(metrics), java.nio.charset.StandardCharsets.UTF_8));
            ps.setTimestamp(2, new Timestamp(metrics.fetchedAt()));
            if (migratedAt == null) {
                ps.setNull(3, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setTimestamp(3, new Timestamp(migratedAt));
            }
            ps.setString(4, metrics.mint());
            ps.executeUpdate();
        }
    }

    /**
     * Records a status change unless a later one is already stored (messages may arrive out of order).
     *
     * @return true if stored
     */
    public static boolean storeStatus(Connection c, String mint, String status, long changedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO scoring.token_inputs (mint, status, status_changed_at, "
                + "updated_at) VALUES (?, ?, ?, now()) ON CONFLICT (mint) DO UPDATE SET status = EXCLUDED.status, "
                + "status_changed_at = EXCLUDED.status_changed_at, updated_at = now() "
                + "WHERE scoring.token_inputs.status_changed_at IS NULL "
                + "OR scoring.token_inputs.status_changed_at <= EXCLUDED.status_changed_at")) {
            ps.setString(1, mint);
            ps.setString(2, status);
            ps.setTimestamp(3, new Timestamp(changedAt));
            return ps.executeUpdate() == 1;
        }
    }

    /** Tokens a recalculation re-scores: a stored snapshot and not archived. */
    public static List<String> recalculable(Connection c) throws SQLException {
        List<String> mints = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT mint FROM scoring.token_inputs WHERE metrics IS NOT NULL "
                + "AND status IS DISTINCT FROM 'archived' ORDER BY mint");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                mints.add(rs.getString(1));
            }
        }
        return mints;
    }

    /** The token's status, null when unknown (no row, or no status_changed seen). */
    public static String status(Connection c, String mint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM scoring.token_inputs WHERE mint = ?")) {
            ps.setString(1, mint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static Long millis(Timestamp ts) {
        return ts == null ? null : ts.getTime();
    }
}
