package io.marketdata.collector.token.dexscreener;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code collector.tracked_tokens}: the durable copy of what the poller follows. Every change is
 * one statement that also returns the row as it now is; a message older than what the row already
 * holds ({@code changed_at}, {@code scored_at}) changes nothing, so redeliveries and late messages
 * are harmless.
 */
@ApplicationScoped
public class TrackedTokenStore {

    private static final String COLUMNS = "mint, status, smoothed_score, migrated_at, last_fetched_at, tracked_at";

    @Inject
    AgroalDataSource dataSource;

    /** The tokens to poll (status monitoring or active). */
    public List<TrackedToken> loadPolled() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM collector.tracked_tokens "
                        + "WHERE status IN ('monitoring', 'active')")) {
            List<TrackedToken> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    /**
     * Applies a status change unless the row already has a newer one; fills {@code migrated_at} from
     * {@code collector.migrated_tokens} when this collector saw the migration.
     *
     * @return the row after the change, or empty when the message was older than the row's status
     */
    public Optional<TrackedToken> applyStatus(String mint, String status, long changedAt) throws SQLException {
        String sql = "INSERT INTO collector.tracked_tokens AS t (mint, status, status_changed_at, migrated_at) "
                + "VALUES (?, ?, ?, (SELECT m.migrated_at FROM collector.migrated_tokens m WHERE m.mint = ?)) "
                + "ON CONFLICT (mint) DO UPDATE SET status = EXCLUDED.status, status_changed_at = EXCLUDED.status_changed_at, "
                + "migrated_at = COALESCE(t.migrated_at, EXCLUDED.migrated_at), updated_at = now() "
                + "WHERE t.status_changed_at IS NULL OR t.status_changed_at <= EXCLUDED.status_changed_at "
                + "RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, mint);
            ps.setString(2, status);
            ps.setTimestamp(3, new Timestamp(changedAt));
            ps.setString(4, mint);
            return single(ps);
        }
    }

    /** Records a smoothed score unless the row already has a newer one; a mint not seen before gets a row without status. */
    public Optional<TrackedToken> applyScore(String mint, double smoothedScore, long scoredAt) throws SQLException {
        String sql = "INSERT INTO collector.tracked_tokens AS t (mint, smoothed_score, scored_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (mint) DO UPDATE SET smoothed_score = EXCLUDED.smoothed_score, scored_at = EXCLUDED.scored_at, "
                + "updated_at = now() WHERE t.scored_at IS NULL OR t.scored_at <= EXCLUDED.scored_at "
                + "RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, mint);
            ps.setDouble(2, smoothedScore);
            ps.setTimestamp(3, new Timestamp(scoredAt));
            return single(ps);
        }
    }

    /** Stamps the last fetch of the mints that have a row (one-off refreshes of unknown mints have none). */
    public void markFetched(Collection<String> mints, long fetchedAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE collector.tracked_tokens SET last_fetched_at = ? "
                        + "WHERE mint = ANY (?)")) {
            ps.setTimestamp(1, new Timestamp(fetchedAt));
            Array array = c.createArrayOf("text", mints.toArray());
            ps.setArray(2, array);
            ps.executeUpdate();
        }
    }

    /**
     * Migration times this collector recorded (PumpPortal) for the mints, and copies them into the
     * tracked rows that lack one.
     */
    public Map<String, Long> migratedAt(Collection<String> mints) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        if (mints.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection()) {
            Array array = c.createArrayOf("text", mints.toArray());
            try (PreparedStatement ps = c.prepareStatement("SELECT mint, migrated_at FROM collector.migrated_tokens "
                    + "WHERE mint = ANY (?)")) {
                ps.setArray(1, array);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getTimestamp(2).getTime());
                    }
                }
            }
            if (!out.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE collector.tracked_tokens t SET migrated_at = "
                        + "m.migrated_at FROM collector.migrated_tokens m WHERE m.mint = t.mint AND t.migrated_at IS NULL "
                        + "AND t.mint = ANY (?)")) {
                    ps.setArray(1, c.createArrayOf("text", out.keySet().toArray()));
                    ps.executeUpdate();
                }
            }
        }
        return out;
    }

    private static Optional<TrackedToken> single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
    }

    private static TrackedToken row(ResultSet rs) throws SQLException {
        double score = rs.getDouble(3);
        Double smoothed = rs.wasNull() ? null : score;
        Timestamp migrated = rs.getTimestamp(4);
        Timestamp fetched = rs.getTimestamp(5);
        return new TrackedToken(rs.getString(1), rs.getString(2), smoothed, migrated == null ? null : migrated.getTime(),
                fetched == null ? 0 : fetched.getTime(), rs.getTimestamp(6).getTime());
    }
}
