package io.marketdata.scoring.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.contracts.settings.ValidatedSettings;
import io.marketdata.contracts.token.SettingsUpdated;
import io.marketdata.scoring.bus.EventOutbox;
import io.marketdata.scoring.model.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The versions of the pipeline settings ({@code scoring.settings_versions}); this service is their
 * owner. Version 1 = {@link PipelineSettings#defaults()}. A change is merged onto the latest version,
 * validated against the registered models, and stored as version n+1 together with its
 * {@code settings.updated} outbox row, in one transaction that holds a table lock, so concurrent
 * changes (from any replica) are applied one after the other and never lose each other.
 */
@ApplicationScoped
public class SettingsStore {

    /** One stored version; {@link #toMessage()} is the body of {@code settings.updated} and of {@code GET /api/settings}. */
    public record Version(long version, PipelineSettings settings, long updatedAt) {
        public SettingsUpdated toMessage() {
            return new SettingsUpdated(version, settings.toMap(), updatedAt);
        }
    }

    /** Outcome of a change. */
    public sealed interface Change permits Updated, Unchanged, Invalid {
    }

    /** Stored as a new version and queued for publication. */
    public record Updated(Version version) implements Change {
    }

    /** The change leaves the settings as they are: no new version. */
    public record Unchanged(Version version) implements Change {
    }

    /** Field → message for every problem; nothing stored. */
    public record Invalid(Map<String, String> errors) implements Change {
    }

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    @Inject
    AgroalDataSource dataSource;
    @Inject
    EventOutbox outbox;
    @Inject
    ModelRegistry registry;

    /**
     * Inserts version 1 (the defaults) unless a version 1 exists; safe when replicas start together.
     *
     * @return true if this call inserted it
     */
    public boolean ensureInitial() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long now = System.currentTimeMillis();
                Version initial = new Version(1, PipelineSettings.defaults(), now);
                int inserted;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO scoring.settings_versions "
                        + "(version, settings, updated_at, published_at) VALUES (1, ?::jsonb, ?, ?) ON CONFLICT (version) DO NOTHING")) {
                    ps.setString(1, json(initial.settings()));
                    ps.setTimestamp(2, new Timestamp(now));
                    ps.setTimestamp(3, new Timestamp(now));
                    inserted = ps.executeUpdate();
                }
                if (inserted == 1) {
                    outbox.add(c, RoutingKeys.SETTINGS_UPDATED, Json.toBytes(initial.toMessage()), null);
                }
                c.commit();
                if (inserted == 1) {
                    outbox.wake();
                }
                return inserted == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The latest version. */
    public Version latest() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return latest(c).orElseThrow(() -> new SQLException("no settings version stored"));
        }
    }

    /** A given version, if stored. */
    public Optional<Version> find(long version) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT version, settings::text, updated_at FROM scoring.settings_versions WHERE version = ?")) {
            ps.setLong(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Applies a partial change ({@code PUT /api/settings}) on top of the latest version.
     *
     * @param changes       snake_case setting → JSON value
     * @param correlationId carried by the {@code settings.updated} message
     */
    public Change update(Map<String, ?> changes, String correlationId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    // self-conflicting but lets plain reads (GET) through: one change at a time
                    st.execute("LOCK TABLE scoring.settings_versions IN SHARE ROW EXCLUSIVE MODE");
                }
                Version current = latest(c).orElseThrow(() -> new SQLException("no settings version stored"));
                ValidatedSettings merged = registry.merge(current.settings(), changes);
                if (!merged.isValid()) {
                    c.rollback();
                    return new Invalid(merged.errors());
                }
                if (merged.settings().equals(current.settings())) {
                    c.rollback();
                    return new Unchanged(current);
                }
                long now = Math.max(System.currentTimeMillis(), current.updatedAt());
                Version next = new Version(current.version() + 1, merged.settings(), now);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO scoring.settings_versions "
                        + "(version, settings, updated_at, published_at) VALUES (?, ?::jsonb, ?, ?)")) {
                    ps.setLong(1, next.version());
                    ps.setString(2, json(next.settings()));
                    ps.setTimestamp(3, new Timestamp(now));
                    ps.setTimestamp(4, new Timestamp(now));
                    ps.executeUpdate();
                }
                outbox.add(c, RoutingKeys.SETTINGS_UPDATED, Json.toBytes(next.toMessage()), correlationId);
                c.commit();
                outbox.wake();
                return new Updated(next);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Optional<Version> latest(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version, settings::text, updated_at FROM "
                + "scoring.settings_versions ORDER BY version DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static Version read(ResultSet rs) throws SQLException {
        long version = rs.getLong(1);
        Map<String, Object> values;
        try {
            values = Json.MAPPER.readValue(rs.getString(2), MAP);
        } catch (IOException e) {
            throw new SQLException("settings version " + version + " is not a JSON object", e);
        }
        // stored by this service, so valid when written; a model name is checked when it is used
        ValidatedSettings parsed = PipelineSettings.fromPublished(values);
        if (!parsed.isValid()) {
            throw new SQLException("settings version " + version + " is invalid: " + parsed.errors());
        }
        return new Version(version, parsed.settings(), rs.getTimestamp(3).getTime());
    }

    private static String json(PipelineSettings settings) {
        try {
            return Json.MAPPER.writeValueAsString(settings.toMap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
