package io.marketdata.scoring.history;

import com.fasterxml.jackson.core.type.TypeReference;
import io.marketdata.contracts.Json;
import io.marketdata.scoring.model.ScoringResult;
import io.marketdata.scoring.model.ScoringState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** SQL of {@code scoring.scores} (history) and {@code scoring.latest_scores} (latest per mint and model). */
public final class ScoreStore {

    /** Where a round's input came from (column {@code source}). */
    public enum Source {
        METRICS("metrics"), UNREADABLE("unreadable"), RECALCULATE("recalculate");

        private final String column;

        Source(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }
    }

    /** One stored round, as the API returns it. */
    public record StoredScore(long id, String mint, String model, long scoredAt, double score, double smoothedScore,
                              Map<String, Double> rawComponents, Map<String, Double> smoothedComponents,
                              String dataQuality, List<String> issues, Map<String, Double> metricsUsed,
                              Long fetchedAt, String source) {
    }

    private static final TypeReference<LinkedHashMap<String, Double>> NUMBERS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final String COLUMNS = "id, mint, model, scored_at, score, smoothed_score, raw_components::text, "
            + "smoothed_components::text, data_quality, issues::text, metrics_used::text, fetched_at, source";

    private ScoreStore() {
    }

    /**
     * Inserts a round unless the same (mint, model, source, fetched_at) snapshot round exists, and
     * points {@code latest_scores} of (mint, model) at it — one statement.
     *
     * @return the new row's id, empty for a duplicate
     */
    public static OptionalLong insert(Connection c, ScoringResult r, Long fetchedAt, Source source) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH s AS (INSERT INTO scoring.scores (mint, model, scored_at, score, "
                + "smoothed_score, raw_components, smoothed_components, data_quality, issues, metrics_used, fetched_at, source) "
                + "VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?, ?) "
                + "ON CONFLICT (mint, model, source, fetched_at) WHERE source IN ('metrics', 'unreadable') DO NOTHING "
                + "RETURNING id, mint, model, scored_at, smoothed_score) "
                + "INSERT INTO scoring.latest_scores (mint, model, score_id, scored_at, smoothed_score) "
                + "SELECT mint, model, id, scored_at, smoothed_score FROM s ON CONFLICT (mint, model) DO UPDATE SET "
                + "score_id = EXCLUDED.score_id, scored_at = EXCLUDED.scored_at, smoothed_score = EXCLUDED.smoothed_score "
                + "RETURNING score_id")) {
            ps.setString(1, r.mint());
            ps.setString(2, r.model());
            ps.setTimestamp(3, new Timestamp(r.scoredAt()));
            ps.setDouble(4, r.score());
            ps.setDouble(5, r.smoothedScore());
            ps.setString(6, json(r.rawComponents()));
            ps.setString(7, json(r.smoothedComponents()));
            ps.setString(8, r.dataQuality().wireName());
            ps.setString(9, json(r.issues()));
            ps.setString(10, json(r.metrics()));
            if (fetchedAt == null) {
                ps.setNull(11, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setTimestamp(11, new Timestamp(fetchedAt));
            }
            ps.setString(12, source.column());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * The state after round {@code latestId}: its smoothed score and components, and the last 10
     * scores of (mint, model) up to it, oldest first.
     */
    public static ScoringState loadState(Connection c, String mint, String model, long latestId) throws SQLException {
        Double smoothed = null;
        Map<String, Double> components = Map.of();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT smoothed_score, smoothed_components::text FROM scoring.scores WHERE id = ?")) {
            ps.setLong(1, latestId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    smoothed = rs.getDouble(1);
                    components = numbers(rs.getString(2));
                }
            }
        }
        if (smoothed == null) {
            // the latest row is gone (retention): start afresh
            return ScoringState.initial(model);
        }
        List<Double> recent = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT score FROM scoring.scores WHERE mint = ? AND model = ? "
                + "ORDER BY scored_at DESC, id DESC LIMIT 10")) {
            ps.setString(1, mint);
            ps.setString(2, model);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recent.add(rs.getDouble(1));
                }
            }
        }
        Collections.reverse(recent);
        return new ScoringState(model, smoothed, components, recent);
    }

    /**
     * Rounds of (mint, model) in [from, to], oldest first; at most {@code limit}, the most recent
     * ones when there are more.
     */
    public static List<StoredScore> history(Connection c, String mint, String model, long from, long to, int limit)
            throws SQLException {
        List<StoredScore> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM scoring.scores WHERE mint = ? "
                + "AND model = ? AND scored_at >= ? AND scored_at <= ? ORDER BY scored_at DESC, id DESC LIMIT ?")) {
            ps.setString(1, mint);
            ps.setString(2, model);
            ps.setTimestamp(3, new Timestamp(from));
            ps.setTimestamp(4, new Timestamp(to));
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
        }
        Collections.reverse(rows);
        return rows;
    }

    /** The latest round of (mint, model). */
    public static Optional<StoredScore> latest(Connection c, String mint, String model) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + prefixed("s") + " FROM scoring.latest_scores l "
                + "JOIN scoring.scores s ON s.id = l.score_id WHERE l.mint = ? AND l.model = ?")) {
            ps.setString(1, mint);
            ps.setString(2, model);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** True if (mint, model) was ever scored (within the retention). */
    public static boolean exists(Connection c, String mint, String model) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM scoring.scores WHERE mint = ? AND model = ? LIMIT 1")) {
            ps.setString(1, mint);
            ps.setString(2, model);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A ranked latest round with the token's status. */
    public record Ranked(StoredScore score, String status) {
    }

    /** The latest round of every mint under {@code model}, best smoothed score first. */
    public static List<Ranked> top(Connection c, String model, double minSmoothed, boolean includeArchived, int limit)
            throws SQLException {
        List<Ranked> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + prefixed("s") + ", t.status FROM scoring.latest_scores l "
                + "JOIN scoring.scores s ON s.id = l.score_id LEFT JOIN scoring.token_inputs t ON t.mint = l.mint "
                + "WHERE l.model = ? AND l.smoothed_score >= ? "
                + (includeArchived ? "" : "AND t.status IS DISTINCT FROM 'archived' ")
                + "ORDER BY l.smoothed_score DESC, l.mint LIMIT ?")) {
            ps.setString(1, model);
            ps.setDouble(2, minSmoothed);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Ranked(read(rs), rs.getString(14)));
                }
            }
        }
        return rows;
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static StoredScore read(ResultSet rs) throws SQLException {
        return new StoredScore(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).getTime(),
                rs.getDouble(5), rs.getDouble(6), numbers(rs.getString(7)), numbers(rs.getString(8)), rs.getString(9),
                strings(rs.getString(10)), numbers(rs.getString(11)), TokenInputs.millis(rs.getTimestamp(12)), rs.getString(13));
    }

    private static Map<String, Double> numbers(String json) throws SQLException {
        try {
            return Json.MAPPER.readValue(json, NUMBERS);
        } catch (IOException e) {
            throw new SQLException("unreadable stored components: " + json, e);
        }
    }

    private static List<String> strings(String json) throws SQLException {
        try {
            return Json.MAPPER.readValue(json, STRINGS);
        } catch (IOException e) {
            throw new SQLException("unreadable stored issues: " + json, e);
        }
    }

    private static String json(Object value) {
        return new String(Json.toBytes(value), StandardCharsets.UTF_8);
    }
}
