package io.marketdata.collector.symbols;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The persisted symbol set in {@code collector.symbols}. Each change is one transaction whose
 * outcome the database decides (primary key, row counts), so concurrent replicas cannot both add
 * the same symbol or remove one twice.
 */
@ApplicationScoped
public class SymbolStore {

    private static final String INITIALISED = "symbols_initialised";

    @Inject
    AgroalDataSource dataSource;

    /** Applies the configured seed list once, on the very first start against this database. */
    public void initialiseOnce(List<String> seed) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement mark = c.prepareStatement(
                    "INSERT INTO collector.state(key, value) VALUES (?, 'true') ON CONFLICT (key) DO NOTHING")) {
                mark.setString(1, INITIALISED);
                if (mark.executeUpdate() == 1) {
                    insert(c, seed);
                }
            }
            c.commit();
        }
    }

    public List<String> load() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return load(c);
        }
    }

    /** @return false when the symbol was already there */
    public boolean add(String symbol) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO collector.symbols(symbol) VALUES (?) ON CONFLICT (symbol) DO NOTHING")) {
            ps.setString(1, symbol);
            return ps.executeUpdate() == 1;
        }
    }

    /** @return false when the symbol was not there */
    public boolean remove(String symbol) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM collector.symbols WHERE symbol = ?")) {
            ps.setString(1, symbol);
            return ps.executeUpdate() == 1;
        }
    }

    /** Replaces the whole set atomically, keeping the given order. */
    public void replace(List<String> symbols) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("LOCK TABLE collector.symbols IN EXCLUSIVE MODE");
                        PreparedStatement delete = c.prepareStatement("DELETE FROM collector.symbols")) {
                    lock.execute();
                    delete.executeUpdate();
                }
                insert(c, symbols);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void insert(Connection c, List<String> symbols) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO collector.symbols(symbol) VALUES (?) ON CONFLICT (symbol) DO NOTHING")) {
            for (String symbol : symbols) {
                ps.setString(1, symbol);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<String> load(Connection c) throws SQLException {
        List<String> symbols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT symbol FROM collector.symbols ORDER BY position");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                symbols.add(rs.getString(1));
            }
        }
        return symbols;
    }
}
