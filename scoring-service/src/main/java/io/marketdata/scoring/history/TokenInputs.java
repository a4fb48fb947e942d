package io.marketdata.scoring.history;

import static io.marketdata.scoring.db.Jsonb.millis;
import static io.marketdata.scoring.db.Jsonb.millisParam;
import static io.marketdata.scoring.db.Jsonb.param;

import io.marketdata.contracts.Json;
import io.marketdata.contracts.token.TokenMetrics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code scoring.token_inputs} ({@link TokenInput}): the latest snapshot of each token, its migration time
 * and its lifecycle status. Locking a token's row serialises its scoring rounds across threads and
 * replicas. Every method runs in the caller's reactive session ({@code Panache.withTransaction} or
 * {@code withSession}); the statements that need {@code ON CONFLICT} or {@code FOR UPDATE OF} a joined
 * row are native SQL.
 */
public final class TokenInputs {

    public static final String ARCHIVED = "archived";

    /**
     * A token's row, read under lock.
     *
     * @param latestScoreId id of the latest score row of (mint, model), null before the first round
     */
    public record Row(String mint, String metricsJson, Long fetchedAt, Long migratedAt, String status, Long latestScoreId) {

        public boolean archived() {
            return ARCHIVED.equals(status);
        }

        public TokenMetrics metrics() throws IOException {
            return metricsJson == null ? null : Json.MAPPER.readValue(metricsJson, TokenMetrics.class);
        }
    }

    private TokenInputs() {
    }

    /**
     * Locks the token's row for the rest of the transaction, creating an empty one first if asked,
     * and reads it with the id of the latest score row of (mint, model).
     *
     * @return the row, or null when it does not exist and {@code create} is false
     */
    public static Uni<Row> lock(String mint, String model, boolean create) {
        return select(mint, model).chain(row -> row != null || !create ? Uni.createFrom().item(row)
                : Panache.getSession().chain(s -> s.createNativeQuery(
                                "INSERT INTO scoring.token_inputs (mint) VALUES (:mint) ON CONFLICT (mint) DO NOTHING")
                        .setParameter("mint", mint).executeUpdate())
                        .chain(() -> select(mint, model)));
    }

    private static Uni<Row> select(String mint, String model) {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery("SELECT cast(t.metrics AS text), "
                        + millis("t.fetched_at") + ", " + millis("t.migrated_at") + ", t.status, l.score_id "
                        + "FROM scoring.token_inputs t LEFT JOIN scoring.latest_scores l ON l.mint = t.mint AND l.model = :model "
                        + "WHERE t.mint = :mint FOR UPDATE OF t")
                .setParameter("model", model)
                .setParameter("mint", mint)
                .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = rows.get(0);
                    return new Row(mint, (String) r[0], asLong(r[1]), asLong(r[2]), (String) r[3], asLong(r[4]));
                });
    }

    /** Stores a snapshot as the token's latest (the caller checked it is not older than the stored one). */
    public static Uni<Void> storeSnapshot(TokenMetrics metrics, Long migratedAt) {
        return Panache.getSession().chain(s -> s.createNativeQuery("UPDATE scoring.token_inputs SET metrics = "
                        + param("metrics") + ", fetched_at = " + millisParam("fetchedAt") + ", migrated_at = coalesce("
                        + millisParam("migratedAt") + ", migrated_at), updated_at = now() WHERE mint = :mint")
                .setParameter("metrics", new String(Json.toBytes(metrics), StandardCharsets.UTF_8))
                .setParameter("fetchedAt", metrics.fetchedAt())
                .setParameter("migratedAt", migratedAt)
                .setParameter("mint", metrics.mint())
                .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Records a status change unless a later one is already stored (messages may arrive out of order).
     *
     * @return true if stored
     */
    public static Uni<Boolean> storeStatus(String mint, String status, long changedAt) {
        return Panache.getSession().chain(s -> s.createNativeQuery("INSERT INTO scoring.token_inputs (mint, status, "
                        + "status_changed_at, updated_at) VALUES (:mint, :status, " + millisParam("changedAt") + ", now()) "
                        + "ON CONFLICT (mint) DO UPDATE SET status = EXCLUDED.status, "
                        + "status_changed_at = EXCLUDED.status_changed_at, updated_at = now() "
                        + "WHERE scoring.token_inputs.status_changed_at IS NULL "
                        + "OR scoring.token_inputs.status_changed_at <= EXCLUDED.status_changed_at")
                .setParameter("mint", mint)
                .setParameter("status", status)
                .setParameter("changedAt", changedAt)
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** Tokens a recalculation re-scores: a stored snapshot and not archived. */
    public static Uni<List<String>> recalculable() {
        return Panache.getSession().chain(s -> s.createSelectionQuery("select mint from TokenInput where metrics is not null "
                        + "and (status is null or status <> 'archived') order by mint", String.class)
                .getResultList());
    }

    /** The token's status, null when unknown (no row, or no status_changed seen). */
    public static Uni<String> status(String mint) {
        return TokenInput.<TokenInput>findById(mint).map(t -> t == null ? null : t.status);
    }

    static Long asLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    static Long millisOf(java.time.Instant t) {
        return t == null ? null : t.toEpochMilli();
    }
}
