package io.marketdata.collector.token;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The pending events of {@code collector.token_outbox} and their fate: sent on confirm, or failed (still pending). */
@ApplicationScoped
public class TokenOutbox {

    @Inject
    AgroalDataSource dataSource;

    /** One event waiting for the broker's confirm. */
    public record Pending(long id, String messageId, String routingKey, String mint, byte[] body) {
    }

    /** The oldest pending events, at most {@code limit}. */
    public List<Pending> pending(int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, message_id, routing_key, mint, body FROM "
                        + "collector.token_outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?")) {
            ps.setInt(1, limit);
            List<Pending> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5)));
                }
            }
            return out;
        }
    }

    /** The broker confirmed the event: it is sent, and its mint announced. */
    public void markSent(Pending event) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement sent = c.prepareStatement("UPDATE collector.token_outbox SET sent_at = now(), "
                    + "attempts = attempts + 1 WHERE id = ?");
                    PreparedStatement announced = c.prepareStatement("UPDATE collector.migrated_tokens SET announced_at "
                            + "= now() WHERE mint = ? AND announced_at IS NULL")) {
                sent.setLong(1, event.id());
                sent.executeUpdate();
                announced.setString(1, event.mint());
                announced.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** A nack, a timeout or a broker outage: the event stays pending and is retried with the same message id. */
    public void markFailed(Pending event, String error) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE collector.token_outbox SET attempts = attempts + 1, "
                        + "last_error = ? WHERE id = ?")) {
            ps.setString(1, error == null ? null : error.substring(0, Math.min(error.length(), 500)));
            ps.setLong(2, event.id());
            ps.executeUpdate();
        }
    }

    /** Pending events (for the gauge and the shutdown flush). */
    public long pendingCount() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM collector.token_outbox WHERE sent_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Deletes sent events confirmed before {@code before}; pending ones are never deleted. */
    public int purgeSent(long before) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM collector.token_outbox WHERE sent_at < ?")) {
            ps.setTimestamp(1, new Timestamp(before));
            return ps.executeUpdate();
        }
    }
}
