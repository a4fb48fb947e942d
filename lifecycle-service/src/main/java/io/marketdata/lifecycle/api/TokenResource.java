package io.marketdata.lifecycle.api;

import io.marketdata.lifecycle.rules.Status;
import io.marketdata.lifecycle.tokens.TokenQueries;
import io.marketdata.lifecycle.tokens.TokenView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens, their pools and status history (read-only; the gateway serves it to users). Non-blocking:
 * every route answers a {@code Uni} from Hibernate Reactive, one session per request.
 */
@Path("/api/tokens")
@WithSession
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    TokenQueries queries;

    /** {@code ?status=&sort=score|created|updated&order=desc|asc&limit=}; default: every status, by smoothed score, highest first. */
    @GET
    public Uni<Map<String, Object>> list(@QueryParam("status") String status, @QueryParam("sort") String sort,
            @QueryParam("order") String order, @QueryParam("limit") String limit) {
        Status s = Params.status(status);
        TokenQueries.Sort by = Params.sort(sort);
        boolean ascending = Params.ascending(order);
        int n = Params.limit(limit);
        return queries.list(s, by, ascending, n).map(tokens -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", s == null ? null : s.wire());
            body.put("sort", by.name().toLowerCase());
            body.put("order", ascending ? "asc" : "desc");
            body.put("limit", n);
            body.put("count", tokens.size());
            body.put("tokens", tokens);
            return body;
        });
    }

    /** Tokens per status. */
    @GET
    @Path("/stats")
    public Uni<Map<String, Long>> stats() {
        return queries.counts().map(counts -> {
            Map<String, Long> body = new LinkedHashMap<>();
            long total = 0;
            for (Map.Entry<Status, Long> e : counts.entrySet()) {
                body.put(e.getKey().wire(), e.getValue());
                total += e.getValue();
            }
            body.put("total", total);
            return body;
        });
    }

    @GET
    @Path("/{mint}")
    public Uni<TokenView> token(@PathParam("mint") String mint) {
        String m = Params.mint(mint);
        return queries.find(m).map(token -> token.orElseThrow(() -> unknown(m)));
    }

    /** Tradeable pools first, then by liquidity, highest first. */
    @GET
    @Path("/{mint}/pools")
    public Uni<Map<String, Object>> pools(@PathParam("mint") String mint) {
        String m = Params.mint(mint);
        return known(m).chain(() -> queries.pools(m)).map(pools -> listOf(m, "pools", pools));
    }

    /** The status history, newest first. */
    @GET
    @Path("/{mint}/history")
    public Uni<Map<String, Object>> history(@PathParam("mint") String mint) {
        String m = Params.mint(mint);
        return known(m).chain(() -> queries.history(m)).map(rows -> listOf(m, "history", rows));
    }

    /** {@code {"mint": …, "count": n, <key>: [items]}}. */
    private static Map<String, Object> listOf(String mint, String key, List<?> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mint", mint);
        body.put("count", items.size());
        body.put(key, items);
        return body;
    }

    /** Fails with 404 for an unknown mint. */
    private Uni<Void> known(String mint) {
        return queries.exists(mint).invoke(exists -> {
            if (!exists) {
                throw unknown(mint);
            }
        }).replaceWithVoid();
    }

    private static ApiException unknown(String mint) {
        return ApiException.notFound("mint", "unknown token " + mint);
    }
}
