package io.marketdata.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.exception.FlywaySqlException;
import org.junit.jupiter.api.Test;

/** Which migration failures {@link SchemaMigration} waits out (database away) and which end the process. */
class SchemaMigrationTest {

    @Test
    void aRefusedConnectionIsWaitedOut() {
        assertTrue(SchemaMigration.unreachable(new FlywaySqlException("Unable to obtain connection from database",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001"))));
        assertTrue(SchemaMigration.unreachable(new FlywayException("connect", new ConnectException("Connection refused"))));
    }

    @Test
    void aDatabaseStartingUpOrOutOfConnectionsIsWaitedOut() {
        assertTrue(SchemaMigration.unreachable(new FlywaySqlException("starting",
                new SQLException("the database system is starting up", "57P03"))));
        assertTrue(SchemaMigration.unreachable(new FlywaySqlException("busy",
                new SQLException("too many clients already", "53300"))));
        // Agroal's acquisition timeout carries no SQLState
        assertTrue(SchemaMigration.unreachable(new FlywaySqlException("pool", new SQLException("Acquisition timeout"))));
    }

    @Test
    void aMigrationThePostgresRefusesIsNotRetried() {
        assertFalse(SchemaMigration.unreachable(new FlywaySqlException("Migration V3 failed",
                new SQLException("syntax error at or near \"TABEL\"", "42601"))));
        assertFalse(SchemaMigration.unreachable(new FlywaySqlException("Migration V4 failed",
                new SQLException("permission denied for schema orderbook", "42501"))));
    }

    @Test
    void aValidationErrorWithoutADatabaseCauseIsNotRetried() {
        assertFalse(SchemaMigration.unreachable(new FlywayException("Validate failed: Migration checksum mismatch for migration version 2")));
    }
}
