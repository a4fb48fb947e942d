package io.marketdata.scoring.history;

import static io.marketdata.scoring.db.Jsonb.millisParam;
import static io.marketdata.scoring.db.Jsonb.param;

import com.fasterxml.jackson.core.type.TypeReference;
import io.marketdata.contracts.Json;
import io.marketdata.scoring.model.ScoringResult;
import io.marketdata.scoring.model.ScoringState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code scoring.scores} (history, {@link Score}) and {@code scoring.latest_scores} (latest per mint and
 * model, {@link LatestScore}), in the caller's reactive session. Reads go through the entities; the insert
 * is one native statement (a data-modifying CTE with two {@code ON CONFLICT} clauses).
 */
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

    private ScoreStore() {
    }

    /**
     * Inserts a round unless the same (mint, model, source, fetched_at) snapshot round exists, and
     * points {@code latest_scores} of (mint, model) at it — one statement.
     *
     * @return the new row's id, empty for a duplicate
     */
    public static Uni<OptionalLong> insert(ScoringResult r, Long fetchedAt, Source source) {
        return Panache.getSession().chain(s -> s.createNativeQuery("WITH s AS (INSERT INTO scoring.scores (mint, model, "
                        + "scored_at, score, smoothed_score, raw_components, smoothed_components, data_quality, issues, "
                        + "metrics_used, fetched_at, source) VALUES (:mint, :model, " + millisParam("scoredAt") + ", :score, "
                        + ":smoothed, " + param("raw") + ", " + param("smoothedComponents") + ", :quality, " + param("issues")
                        + ", " + param("metrics") + ", " + millisParam("fetchedAt") + ", :source) "
                        + "ON CONFLICT (mint, model, source, fetched_at) WHERE source IN ('metrics', 'unreadable') DO NOTHING "
                        + "RETURNING id, mint, model, scored_at, smoothed_score) "
                        + "INSERT INTO scoring.latest_scores (mint, model, score_id, scored_at, smoothed_score) "
                        + "SELECT mint, model, id, scored_at, smoothed_score FROM s ON CONFLICT (mint, model) DO UPDATE SET "
                        + "score_id = EXCLUDED.score_id, scored_at = EXCLUDED.scored_at, smoothed_score = EXCLUDED.smoothed_score "
                        + "RETURNING score_id")
                .setParameter("mint", r.mint())
                .setParameter("model", r.model())
                .setParameter("scoredAt", r.scoredAt())
                .setParameter("score", r.score())
                .setParameter("smoothed", r.smoothedScore())
                .setParameter("raw", json(r.rawComponents()))
                .setParameter("smoothedComponents", json(r.smoothedComponents()))
                .setParameter("quality", r.dataQuality().wireName())
                .setParameter("issues", json(r.issues()))
                .setParameter("metrics", json(r.metrics()))
                .setParameter("fetchedAt", fetchedAt)
                .setParameter("source", source.column())
                .getResultList())
                .map(rows -> rows.isEmpty() ? OptionalLong.empty() : OptionalLong.of(((Number) single(rows.get(0))).longValue()));
    }

    /**
     * The state after round {@code latestId}: its smoothed score and components, and the last 10
     * scores of (mint, model) up to it, oldest first.
     */
    public static Uni<ScoringState> loadState(String mint, String model, long latestId) {
        return Score.<Score>findById(latestId).chain(latest -> {
            if (latest == null) {
                // the latest row is gone (retention): start afresh
                return Uni.createFrom().item(ScoringState.initial(model));
            }
            Map<String, Double> components = numbers(latest.smoothedComponents);
            return Panache.getSession().chain(s -> s.createSelectionQuery("select score from Score where mint = :mint "
                            + "and model = :model order by scoredAt desc, id desc", Double.class)
                    .setParameter("mint", mint)
                    .setParameter("model", model)
                    .setMaxResults(10)
                    .getResultList())
                    .map(scores -> {
                        List<Double> recent = new ArrayList<>(scores);
                        Collections.reverse(recent);
                        return new ScoringState(model, latest.smoothedScore, components, recent);
                    });
        });
    }

    /**
     * Rounds of (mint, model) in [from, to], oldest first; at most {@code limit}, the most recent
     * ones when there are more.
     */
    public static Uni<List<StoredScore>> history(String mint, String model, long from, long to, int limit) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from Score where mint = :mint and model = :model "
                        + "and scoredAt >= :from and scoredAt <= :to order by scoredAt desc, id desc", Score.class)
                .setParameter("mint", mint)
                .setParameter("model", model)
                .setParameter("from", Instant.ofEpochMilli(from))
                .setParameter("to", Instant.ofEpochMilli(to))
                .setMaxResults(limit)
                .getResultList())
                .map(rows -> {
                    List<StoredScore> out = new ArrayList<>(rows.size());
                    for (Score row : rows) {
                        out.add(read(row));
                    }
                    Collections.reverse(out);
                    return out;
                });
    }

    /** The latest round of (mint, model). */
    public static Uni<Optional<StoredScore>> latest(String mint, String model) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("select s from LatestScore l join Score s "
                        + "on s.id = l.scoreId where l.mint = :mint and l.model = :model", Score.class)
                .setParameter("mint", mint)
                .setParameter("model", model)
                .getResultList())
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(read(rows.get(0))));
    }

    /** True if (mint, model) was ever scored (within the retention). */
    public static Uni<Boolean> exists(String mint, String model) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("select s.id from Score s where s.mint = :mint "
                        + "and s.model = :model", Long.class)
                .setParameter("mint", mint)
                .setParameter("model", model)
                .setMaxResults(1)
                .getResultList())
                .map(rows -> !rows.isEmpty());
    }

    /** A ranked latest round with the token's status. */
    public record Ranked(StoredScore score, String status) {
    }

    /** The latest round of every mint under {@code model}, best smoothed score first. */
    public static Uni<List<Ranked>> top(String model, double minSmoothed, boolean includeArchived, int limit) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("select s, t.status from LatestScore l "
                        + "join Score s on s.id = l.scoreId left join TokenInput t on t.mint = l.mint "
                        + "where l.model = :model and l.smoothedScore >= :min "
                        + (includeArchived ? "" : "and t.status is distinct from 'archived' ")
                        + "order by l.smoothedScore desc, l.mint", Object[].class)
                .setParameter("model", model)
                .setParameter("min", minSmoothed)
                .setMaxResults(limit)
                .getResultList())
                .map(rows -> {
                    List<Ranked> out = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        out.add(new Ranked(read((Score) row[0]), (String) row[1]));
                    }
                    return out;
                });
    }

    private static StoredScore read(Score s) {
        return new StoredScore(s.id, s.mint, s.model, s.scoredAt.toEpochMilli(), s.score, s.smoothedScore,
                numbers(s.rawComponents), numbers(s.smoothedComponents), s.dataQuality, strings(s.issues),
                numbers(s.metricsUsed), TokenInputs.millisOf(s.fetchedAt), s.source);
    }

    private static Object single(Object row) {
        return row instanceof Object[] a ? a[0] : row;
    }

    private static Map<String, Double> numbers(String json) {
        try {
            return Json.MAPPER.readValue(json, NUMBERS);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable stored components: " + json, e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return Json.MAPPER.readValue(json, STRINGS);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable stored issues: " + json, e);
        }
    }

    private static String json(Object value) {
        return new String(Json.toBytes(value), StandardCharsets.UTF_8);
    }
}
