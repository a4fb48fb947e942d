package io.marketdata.lifecycle.api;

import io.marketdata.lifecycle.rules.Status;
import io.marketdata.lifecycle.tokens.TokenQueries;
import io.marketdata.lifecycle.tokens.TokenView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tokens, their pools and status history (read-only; the gateway serves it to users). */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    TokenQueries queries;

    /** {@code ?status=&sort=score|created|updated&order=desc|asc&limit=}; default: every status, by smoothed score, highest first. */
    @GET
    public Map<String, Object> list(@QueryParam("status") String status, @QueryParam("sort") String sort,
            @QueryParam("order") String order, @QueryParam("limit") String limit) throws SQLException {
        Status s = Params.status(status);
        TokenQueries.Sort by = Params.sort(sort);
        boolean ascending = Params.ascending(order);
        int n = Params.limit(limit);
        List<TokenView> tokens = queries.list(s, by, ascending, n);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", s == null ? null : s.wire());
        body.put("sort", by.name().toLowerCase());
        body.put("order", ascending ? "asc" : "desc");
        body.put("limit", n);
        body.put("count", tokens.size());
        body.put("tokens", tokens);
        return body;
    }

    /** Tokens per status. */
    @GET
    @Path("/stats")
    public Map<String, Long> stats() throws SQLException {
        Map<String, Long> body = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<Status, Long> e : queries.counts().entrySet()) {
            body.put(e.getKey().wire(), e.getValue());
            total += e.getValue();
        }
        body.put("total", total);
        return body;
    }

    @GET
    @Path("/{mint}")
    public TokenView token(@PathParam("mint") String mint) throws SQLException {
        String m = Params.mint(mint);
        return queries.find(m).orElseThrow(() -> unknown(m));
    }

    /** Tradeable pools first, then by liquidity, highest first. */
    @GET
    @Path("/{mint}/pools")
    public Map<String, Object> pools(@PathParam("mint") String mint) throws SQLException {
        String m = known(mint);
        return listOf(m, "pools", queries.pools(m));
    }

    /** The status history, newest first. */
    @GET
    @Path("/{mint}/history")
    public Map<String, Object> history(@PathParam("mint") String mint) throws SQLException {
        String m = known(mint);
        return listOf(m, "history", queries.history(m));
    }

    /** {@code {"mint": …, "count": n, <key>: [items]}}. */
    private static Map<String, Object> listOf(String mint, String key, List<?> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mint", mint);
        body.put("count", items.size());
        body.put(key, items);
        return body;
    }

    private String known(String mint) throws SQLException {
        String m = Params.mint(mint);
        if (!queries.exists(m)) {
            throw unknown(m);
        }
        return m;
    }

    private static ApiException unknown(String mint) {
        return ApiException.notFound("mint", "unknown token " + mint);
    }
}
