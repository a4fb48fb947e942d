package io.marketdata.messaging;

import java.lang.reflect.Method;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * A database failure found in an exception's cause chain, however the persistence stack wrapped it:
 * blocking JDBC throws {@link SQLException} itself; Hibernate (Reactive) throws a {@code JDBCException}
 * (unchecked) whose cause is the {@code SQLException} it built from the Vert.x client's
 * {@code io.vertx.sqlclient.DatabaseException} ({@code PgException}); the Vert.x client may also surface
 * that exception itself, or a connection failure: a {@link SocketException} (refused connection, Netty's
 * connect timeout), a {@link ClosedChannelException}, a {@link TimeoutException} (Vert.x pool acquisition) or
 * the client's {@code ClosedConnectionException}. Other I/O exceptions are not taken for one: Jackson's
 * parse errors are {@code IOException}s too, and a bad body must not be retried forever.
 *
 * @param sqlState the SQLState, "" for a connection failure without one
 */
record DatabaseFailure(String sqlState, String message) {

    private static final int MAX_DEPTH = 32;
    private static final String CLOSED_CONNECTION = "io.vertx.sqlclient.ClosedConnectionException";

    /** PostgreSQL refused the data (SQLState class 22 data exception or 23 integrity violation): the same every time. */
    boolean refusesData() {
        return sqlState.startsWith("22") || sqlState.startsWith("23");
    }

    /** The database failure in {@code e}'s cause chain, or null when there is none (a bug, a bad message). */
    static DatabaseFailure in(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        DatabaseFailure connection = null;
        for (Throwable t = e; t != null && seen.put(t, true) == null && seen.size() <= MAX_DEPTH; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return new DatabaseFailure(sql.getSQLState() == null ? "" : sql.getSQLState(), sql.getMessage());
            }
            String state = vertxSqlState(t);
            if (state != null) {
                return new DatabaseFailure(state, t.getMessage());
            }
            if (connection == null && (t instanceof SocketException || t instanceof ClosedChannelException
                    || t instanceof TimeoutException || CLOSED_CONNECTION.equals(t.getClass().getName()))) {
                connection = new DatabaseFailure("", String.valueOf(t));
            }
        }
        return connection;
    }

    /**
     * {@code getSqlState()} of the Vert.x SQL client's {@code DatabaseException} (looked up by name: this
     * module does not depend on the reactive client, and services without it never meet one).
     */
    private static String vertxSqlState(Throwable t) {
        for (Class<?> c = t.getClass(); c != null && c != Throwable.class; c = c.getSuperclass()) {
            if ("io.vertx.sqlclient.DatabaseException".equals(c.getName())) {
                try {
                    Method m = c.getMethod("getSqlState");
                    Object state = m.invoke(t);
                    return state == null ? "" : state.toString();
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return "";
                }
            }
        }
        return null;
    }
}
