package io.marketdata.orderbook.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

/** Direct reads of the test database, and the superuser switches used to take it away. */
public final class TestDb {

    public static final String URL = "jdbc:postgresql://localhost:5432/marketdata_test";
    public static final String REACTIVE_URL = "postgresql://localhost:5432/marketdata_test";

    private TestDb() {
    }

    /** Minute rows of one book at one minute (should only ever be 0 or 1). */
    public static int minuteRows(String exchange, String market, String symbol, long minuteMs) {
        return intQuery("SELECT count(*) FROM orderbook.minute_bands m JOIN orderbook.series s ON s.id = m.series_id "
                + "WHERE s.exchange = ? AND s.market = ? AND s.symbol = ? AND m.ts = ?", exchange, market, symbol,
                new Timestamp(minuteMs));
    }

    /** The stored {@code samples} of one book minute, or -1 when absent. */
    public static int samples(String exchange, String market, String symbol, long minuteMs) {
        return intQuery("SELECT coalesce(max(samples), -1) FROM orderbook.minute_bands m JOIN orderbook.series s "
                + "ON s.id = m.series_id WHERE s.exchange = ? AND s.market = ? AND s.symbol = ? AND m.ts = ?", exchange,
                market, symbol, new Timestamp(minuteMs));
    }

    public static int rowsOf(String exchange, String market, String symbol) {
        return intQuery("SELECT count(*) FROM orderbook.minute_bands m JOIN orderbook.series s ON s.id = m.series_id "
                + "WHERE s.exchange = ? AND s.market = ? AND s.symbol = ?", exchange, market, symbol);
    }

    public static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(URL, "marketdata", "marketdata"); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static double doubleQuery(String sql, Object... args) {
        return query(sql, rs -> rs.getDouble(1), args);
    }

    public static int intQuery(String sql, Object... args) {
        return query(sql, rs -> rs.getInt(1), args);
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The first column of the first row. */
    private static <T> T query(String sql, Column<T> column, Object... args) {
        try (Connection c = DriverManager.getConnection(URL, "marketdata", "marketdata");
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return column.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** As superuser: refuse (or allow again) every new connection to the test database and cut the open ones. */
    public static void setAvailable(boolean available) {
        String sql = "ALTER DATABASE marketdata_test ALLOW_CONNECTIONS " + available + ";"
                + (available ? "" : " SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = 'marketdata_test' AND pid <> pg_backend_pid();");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
                Statement st = c.createStatement()) {
            st.execute(sql);
            return;
        } catch (SQLException e) {
            // no password-less superuser over TCP here: go through the local socket as the postgres user
        }
        try {
            Process p = new ProcessBuilder("su", "postgres", "-s", "/bin/sh", "-c",
                    "cd / && psql -X -q -v ON_ERROR_STOP=1 -d postgres -c \"" + sql + "\"").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("psql as postgres failed: " + out);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("superuser access to PostgreSQL needed for the outage test", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
