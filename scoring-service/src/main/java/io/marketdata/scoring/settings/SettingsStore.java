package io.marketdata.scoring.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.contracts.settings.ValidatedSettings;
import io.marketdata.contracts.token.SettingsUpdated;
import io.marketdata.scoring.bus.EventOutbox;
import io.marketdata.scoring.model.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The versions of the pipeline settings ({@code scoring.settings_versions}); this service is their
 * owner. Version 1 = {@link PipelineSettings#defaults()}. A change is merged onto the latest version,
 * validated against the registered models, and stored as version n+1 together with its
 * {@code settings.updated} outbox row, in one transaction that holds a table lock, so concurrent
 * changes (from any replica) are applied one after the other and never lose each other. Every method is
 * a reactive transaction of its own ({@link SettingsVersion}, {@code Panache.withTransaction}).
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

    /** No version stored (version 1 not inserted yet) or one that cannot be read: a database-side problem. */
    public static final class NoSettingsException extends IllegalStateException {
        public NoSettingsException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Inject
    EventOutbox outbox;
    @Inject
    ModelRegistry registry;

    /**
     * Inserts version 1 (the defaults) unless a version 1 exists; safe when replicas start together.
     *
     * @return true if this call inserted it
     */
    public Uni<Boolean> ensureInitial() {
        long now = System.currentTimeMillis();
        Version initial = new Version(1, PipelineSettings.defaults(), now);
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("INSERT INTO "
                                + "scoring.settings_versions (version, settings, updated_at, published_at) VALUES (1, "
                                + "cast(cast(:settings as text) as jsonb), to_timestamp(cast(:now as bigint) / 1000.0), "
                                + "to_timestamp(cast(:now as bigint) / 1000.0)) ON CONFLICT (version) DO NOTHING")
                        .setParameter("settings", json(initial.settings()))
                        .setParameter("now", now)
                        .executeUpdate())
                .chain(inserted -> inserted != 1 ? Uni.createFrom().item(false)
                        : outbox.add(RoutingKeys.SETTINGS_UPDATED, Json.toBytes(initial.toMessage()), null).replaceWith(true)))
                .invoke(inserted -> {
                    if (inserted) {
                        outbox.wake();
                    }
                });
    }

    /** The latest version. */
    public Uni<Version> latest() {
        return Panache.withSession(SettingsStore::latestInSession).map(v -> v.orElseThrow(
                () -> new NoSettingsException("no settings version stored", null)));
    }

    /** A given version, if stored. */
    public Uni<Optional<Version>> find(long version) {
        return Panache.withSession(() -> SettingsVersion.<SettingsVersion>findById(version))
                .map(row -> Optional.ofNullable(row).map(SettingsStore::read));
    }

    /**
     * Applies a partial change ({@code PUT /api/settings}) on top of the latest version.
     *
     * @param changes       snake_case setting → JSON value
     * @param correlationId carried by the {@code settings.updated} message
     */
    public Uni<Change> update(Map<String, ?> changes, String correlationId) {
        return Panache.withTransaction(() -> Panache.getSession()
                // self-conflicting but lets plain reads (GET) through: one change at a time
                .chain(s -> s.createNativeQuery("LOCK TABLE scoring.settings_versions IN SHARE ROW EXCLUSIVE MODE")
                        .executeUpdate())
                .chain(SettingsStore::latestInSession)
                .chain(latest -> {
                    Version current = latest.orElseThrow(() -> new NoSettingsException("no settings version stored", null));
                    ValidatedSettings merged = registry.merge(current.settings(), changes);
                    if (!merged.isValid()) {
                        return rollback(new Invalid(merged.errors()));
                    }
                    if (merged.settings().equals(current.settings())) {
                        return rollback(new Unchanged(current));
                    }
                    long now = Math.max(System.currentTimeMillis(), current.updatedAt());
                    Version next = new Version(current.version() + 1, merged.settings(), now);
                    SettingsVersion row = new SettingsVersion();
                    row.version = next.version();
                    row.settings = json(next.settings());
                    row.updatedAt = Instant.ofEpochMilli(now);
                    row.publishedAt = row.updatedAt;
                    // inserted at the flush before the commit; the outbox row (IDENTITY) at once: one transaction
                    return row.<SettingsVersion>persist()
                            .chain(() -> outbox.add(RoutingKeys.SETTINGS_UPDATED, Json.toBytes(next.toMessage()), correlationId))
                            .replaceWith((Change) new Updated(next));
                }))
                .invoke(change -> {
                    if (change instanceof Updated) {
                        outbox.wake();
                    }
                });
    }

    private static Uni<Change> rollback(Change change) {
        return Panache.currentTransaction().invoke(tx -> tx.markForRollback()).replaceWith(change);
    }

    private static Uni<Optional<Version>> latestInSession() {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from SettingsVersion order by version desc",
                        SettingsVersion.class)
                .setMaxResults(1)
                .getResultList())
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(read(rows.get(0))));
    }

    private static Version read(SettingsVersion row) {
        long version = row.version;
        Map<String, Object> values;
        try {
            values = Json.MAPPER.readValue(row.settings, MAP);
        } catch (IOException e) {
            throw new NoSettingsException("settings version " + version + " is not a JSON object", e);
        }
        // stored by this service, so valid when written; a model name is checked when it is used
        ValidatedSettings parsed = PipelineSettings.fromPublished(values);
        if (!parsed.isValid()) {
            throw new NoSettingsException("settings version " + version + " is invalid: " + parsed.errors(), null);
        }
        return new Version(version, parsed.settings(), row.updatedAt.toEpochMilli());
    }

    private static String json(PipelineSettings settings) {
        try {
            return Json.MAPPER.writeValueAsString(settings.toMap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
