package io.marketdata.scoring.api;

import io.marketdata.scoring.config.ScoringConfig;
import io.marketdata.scoring.history.ScoreStore;
import io.marketdata.scoring.history.ScoreStore.StoredScore;
import io.marketdata.scoring.model.ModelRegistry;
import io.marketdata.scoring.settings.ActiveSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Score history and latest scores. Every route takes an optional {@code model} (default: the
 * active model of the current settings), since scores of different models are not comparable.
 * <ul>
 *   <li>{@code GET /api/scores/{mint}?from=&to=&limit=} — history for sparklines, oldest first
 *       (default the last 24 h; at most {@code limit} ≤ 5000 points, the most recent ones);</li>
 *   <li>{@code GET /api/scores/{mint}/latest} — the latest round in full;</li>
 *   <li>{@code GET /api/scores/latest?limit=&min_smoothed=&include_archived=} — the latest round of
 *       every token, best smoothed score first.</li>
 * </ul>
 * Each request is one reactive session ({@code Panache.withSession}) on the event loop.
 */
@Path("/api/scores")
@Produces(MediaType.APPLICATION_JSON)
public class ScoresResource {

    static final int TOP_DEFAULT = 100;
    static final int TOP_MAX = 1000;

    @Inject
    ScoringConfig config;
    @Inject
    ActiveSettings settings;
    @Inject
    ModelRegistry registry;

    @GET
    @Path("/latest")
    public Uni<Map<String, Object>> top(@QueryParam("limit") String limit, @QueryParam("min_smoothed") String minSmoothed,
                                        @QueryParam("include_archived") String includeArchived,
                                        @QueryParam("model") String model) {
        int n = Params.limit(limit, TOP_DEFAULT, TOP_MAX);
        double min = Params.number("min_smoothed", minSmoothed, -Double.MAX_VALUE);
        boolean archived = Params.bool("include_archived", includeArchived, false);
        String m = model(model);
        return Panache.withSession(() -> ScoreStore.top(m, min, archived, n)).map(ranked -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ScoreStore.Ranked r : ranked) {
                Map<String, Object> row = full(r.score());
                row.put("status", r.status());
                rows.add(row);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("model", m);
            body.put("count", rows.size());
            body.put("scores", rows);
            return body;
        });
    }

    @GET
    @Path("/{mint}")
    public Uni<Map<String, Object>> history(@PathParam("mint") String mint, @QueryParam("from") String from,
                                            @QueryParam("to") String to, @QueryParam("limit") String limit,
                                            @QueryParam("model") String model) {
        String token = Params.mint(mint);
        Params.Range range = Params.range(from, to, config.history().defaultRange(), System.currentTimeMillis());
        int max = config.history().maxPoints();
        int n = Params.limit(limit, max, max);
        String m = model(model);
        return Panache.withSession(() -> ScoreStore.history(token, m, range.from(), range.to(), n + 1)
                .chain(rows -> !rows.isEmpty() ? Uni.createFrom().item(rows) : ScoreStore.exists(token, m).map(exists -> {
                    if (!exists) {
                        throw ApiException.notFound("no scores of " + token + " under model " + m);
                    }
                    return rows;
                })))
                .map(all -> {
                    List<StoredScore> rows = all;
                    boolean truncated = rows.size() > n;
                    if (truncated) {
                        rows = rows.subList(rows.size() - n, rows.size());
                    }
                    List<Map<String, Object>> points = new ArrayList<>(rows.size());
                    for (StoredScore s : rows) {
                        Map<String, Object> p = new LinkedHashMap<>();
                        p.put("scored_at", s.scoredAt());
                        p.put("score", s.score());
                        p.put("smoothed_score", s.smoothedScore());
                        p.put("data_quality", s.dataQuality());
                        p.put("components", s.smoothedComponents());
                        points.add(p);
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("mint", token);
                    body.put("model", m);
                    body.put("from", range.from());
                    body.put("to", range.to());
                    body.put("count", points.size());
                    body.put("truncated", truncated);
                    body.put("points", points);
                    return body;
                });
    }

    @GET
    @Path("/{mint}/latest")
    public Uni<Map<String, Object>> latest(@PathParam("mint") String mint, @QueryParam("model") String model) {
        String token = Params.mint(mint);
        String m = model(model);
        return Panache.withSession(() -> ScoreStore.latest(token, m)).map(found -> found.map(ScoresResource::full)
                .orElseThrow(() -> ApiException.notFound("no scores of " + token + " under model " + m)));
    }

    private String model(String model) {
        if (model == null || model.isBlank()) {
            return settings.settings().scoringModel();
        }
        if (!registry.names().contains(model)) {
            throw ApiException.badRequest("model", "unknown model '" + model + "'; known: " + String.join(", ", registry.names()));
        }
        return model;
    }

    static Map<String, Object> full(StoredScore s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("mint", s.mint());
        row.put("model", s.model());
        row.put("scored_at", s.scoredAt());
        row.put("score", s.score());
        row.put("smoothed_score", s.smoothedScore());
        row.put("raw_components", s.rawComponents());
        row.put("smoothed_components", s.smoothedComponents());
        row.put("data_quality", s.dataQuality());
        row.put("issues", s.issues());
        row.put("metrics_used", s.metricsUsed());
        row.put("fetched_at", s.fetchedAt());
        row.put("source", s.source());
        return row;
    }
}
