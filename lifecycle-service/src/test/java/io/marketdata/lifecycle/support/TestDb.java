package io.marketdata.lifecycle.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Direct reads of the service's schema in the test database. */
public final class TestDb {

    public static final String URL = "jdbc:postgresql://localhost:5432/marketdata_test";

    private TestDb() {
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "marketdata", "marketdata");
    }

    /** "old→new:reason" of every history row of a mint, oldest first. */
    public static List<String> history(String mint) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT old_status, new_status, reason FROM lifecycle.status_history WHERE mint = ? ORDER BY id")) {
            ps.setString(1, mint);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "→" + rs.getString(2) + ":" + rs.getString(3));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
