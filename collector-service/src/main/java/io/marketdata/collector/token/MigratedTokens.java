package io.marketdata.collector.token;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/** The mints already announced ({@code collector.migrated_tokens}), shared by every replica. */
@ApplicationScoped
public class MigratedTokens {

    @Inject
    AgroalDataSource dataSource;

    /** Records a migration; true when the mint was not known yet (the caller publishes it), false for a duplicate. */
    public boolean recordIfNew(MigrationFrame m, long migratedAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO collector.migrated_tokens (mint, signature, venue, "
                        + "migrated_at) VALUES (?, ?, ?, ?) ON CONFLICT (mint) DO NOTHING")) {
            ps.setString(1, m.mint());
            ps.setString(2, m.signature());
            ps.setString(3, m.venue());
            ps.setTimestamp(4, new Timestamp(migratedAt));
            return ps.executeUpdate() == 1;
        }
    }
}
