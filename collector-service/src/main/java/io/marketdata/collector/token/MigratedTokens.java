package io.marketdata.collector.token;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The mints already migrated ({@code collector.migrated_tokens}), shared by every replica, and
 * their {@code token.created} in the outbox ({@code collector.token_outbox}): both in one
 * transaction, so a recorded mint always has its event waiting to be relayed.
 */
@ApplicationScoped
public class MigratedTokens {

    @Inject
    AgroalDataSource dataSource;

    /** The stable message id of a mint's {@code token.created}: the same on every re-send. */
    public static String messageId(String mint) {
        return "token.created:" + mint;
    }

    /**
     * Records a migration and its event; true when the mint was new (the relay will publish it),
     * false for a duplicate (nothing written).
     */
    public boolean recordIfNew(MigrationFrame m, long migratedAt, String routingKey, byte[] event) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean inserted;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO collector.migrated_tokens (mint, signature, "
                        + "venue, migrated_at) VALUES (?, ?, ?, ?) ON CONFLICT (mint) DO NOTHING")) {
                    ps.setString(1, m.mint());
                    ps.setString(2, m.signature());
                    ps.setString(3, m.venue());
                    ps.setTimestamp(4, new Timestamp(migratedAt));
                    inserted = ps.executeUpdate() == 1;
                }
                if (inserted) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO collector.token_outbox (message_id, "
                            + "routing_key, mint, body) VALUES (?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING")) {
                        ps.setString(1, messageId(m.mint()));
                        ps.setString(2, routingKey);
                        ps.setString(3, m.mint());
                        ps.setBytes(4, event);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
