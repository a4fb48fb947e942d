package io.marketdata.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How {@link Deliveries} recognises a database failure, whichever persistence stack wrapped it. */
class DatabaseFailureTest {

    /** Stands in for Hibernate's unchecked {@code JDBCException}: the SQLException is its cause. */
    static final class WrappingRuntimeException extends RuntimeException {
        WrappingRuntimeException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void aJdbcSqlExceptionKeepsItsState() {
        DatabaseFailure f = DatabaseFailure.in(new SQLException("invalid byte sequence", "22021"));
        assertEquals("22021", f.sqlState());
        assertTrue(f.refusesData());
    }

    @Test
    void aSqlExceptionWrappedByHibernateReactiveIsFoundInTheCauseChain() {
        SQLException pg = new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 (22021)", "22021");
        DatabaseFailure f = DatabaseFailure.in(new CompletionException(new WrappingRuntimeException("could not execute", pg)));
        assertEquals("22021", f.sqlState());
        assertTrue(f.refusesData());
        assertTrue(f.message().contains("0x00"), f.message());
    }

    @Test
    void integrityViolationsRefuseTheDataOtherStatesAreOutages() {
        assertTrue(DatabaseFailure.in(new WrappingRuntimeException("x", new SQLException("dup", "23505"))).refusesData());
        DatabaseFailure missingTable = DatabaseFailure.in(new WrappingRuntimeException("x", new SQLException("gone", "42P01")));
        assertEquals("42P01", missingTable.sqlState());
        assertFalse(missingTable.refusesData());
        assertFalse(DatabaseFailure.in(new SQLException("no state")).refusesData());
    }

    @Test
    void aRefusedConnectionIsAnOutage() {
        DatabaseFailure f = DatabaseFailure.in(new CompletionException(new ConnectException("Connection refused: localhost/127.0.0.1:5432")));
        assertEquals("", f.sqlState());
        assertFalse(f.refusesData());
    }

    @Test
    void anSqlStateBelowAConnectionFailureWins() {
        RuntimeException e = new WrappingRuntimeException("x", new java.io.UncheckedIOException(
                new java.io.IOException("closed", new SQLException("bad", "23502"))));
        assertEquals("23502", DatabaseFailure.in(e).sqlState());
    }

    @Test
    void aPoolTimeoutIsAnOutage() {
        assertFalse(DatabaseFailure.in(new CompletionException(new java.util.concurrent.TimeoutException("Timeout"))).refusesData());
    }

    @Test
    void aBugIsNoDatabaseFailure() {
        assertNull(DatabaseFailure.in(new IllegalStateException("bug")));
        assertNull(DatabaseFailure.in(new NullPointerException()));
        // a JSON parse error is an IOException too: it must stay a bug (dead-lettered after 5 attempts), not an outage
        assertNull(DatabaseFailure.in(new java.io.UncheckedIOException(new java.io.IOException("Unexpected character"))));
    }

    @Test
    void aCyclicCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertNull(DatabaseFailure.in(a));
    }
}
