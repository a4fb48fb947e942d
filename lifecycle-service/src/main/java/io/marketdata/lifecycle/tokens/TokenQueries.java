package io.marketdata.lifecycle.tokens;

import io.marketdata.lifecycle.rules.Status;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reads of the HTTP API (and the status gauge), each in a reactive session (reused when the caller has one). */
@ApplicationScoped
public class TokenQueries {

    /** Sort keys of {@code GET /api/tokens}. */
    public enum Sort {
        SCORE("smoothedScore"), CREATED("createdAt"), UPDATED("updatedAt");

        final String field;

        Sort(String field) {
            this.field = field;
        }
    }

    /** Pool counts of the given mints: {@code [mint, pools, active pools]}. */
    private static final String POOL_COUNTS = "select p.mint, count(p), sum(case when p.active then 1 else 0 end) "
            + "from Pool p where p.mint in :mints group by p.mint";

    /** Tokens, optionally of one status, sorted (nulls last in both directions, then by mint). */
    @WithSession
    public Uni<List<TokenView>> list(Status status, Sort sort, boolean ascending, int limit) {
        io.quarkus.panache.common.Sort.Direction dir = ascending
                ? io.quarkus.panache.common.Sort.Direction.Ascending : io.quarkus.panache.common.Sort.Direction.Descending;
        io.quarkus.panache.common.Sort order = io.quarkus.panache.common.Sort
                .by(sort.field, dir, io.quarkus.panache.common.Sort.NullPrecedence.NULLS_LAST).and("mint", dir);
        var query = status == null ? Token.<Token>findAll(order) : Token.<Token>find("status", order, status.wire());
        return query.page(Page.ofSize(limit)).list().chain(TokenQueries::withPoolCounts);
    }

    @WithSession
    public Uni<Optional<TokenView>> find(String mint) {
        return Token.<Token>findById(mint).chain(token -> token == null ? Uni.createFrom().item(Optional.<TokenView>empty())
                : withPoolCounts(List.of(token)).map(views -> Optional.of(views.get(0))));
    }

    @WithSession
    public Uni<Boolean> exists(String mint) {
        return Token.count("mint", mint).map(n -> n > 0);
    }

    /** The token's pools: tradeable first, then by liquidity (highest first, unknown last). */
    @WithSession
    public Uni<List<PoolView>> pools(String mint) {
        return Pool.<Pool>list("mint", io.quarkus.panache.common.Sort.descending("tradeable")
                        .and("liquidityUsd", io.quarkus.panache.common.Sort.Direction.Descending,
                                io.quarkus.panache.common.Sort.NullPrecedence.NULLS_LAST)
                        .and("address"), mint)
                .map(pools -> pools.stream().map(Pool::view).toList());
    }

    /** The token's status history, newest first. */
    @WithSession
    public Uni<List<HistoryEntry>> history(String mint) {
        return StatusChange.<StatusChange>list("mint", io.quarkus.panache.common.Sort.descending("changedAt", "id"), mint)
                .map(rows -> rows.stream().map(StatusChange::view).toList());
    }

    /** Tokens per status (every status present, 0 when none). */
    @WithSession
    public Uni<Map<Status, Long>> counts() {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery("select t.status, count(t) from Token t group by t.status",
                        Object[].class).getResultList())
                .map(rows -> {
                    Map<Status, Long> counts = new EnumMap<>(Status.class);
                    for (Status s : Status.values()) {
                        counts.put(s, 0L);
                    }
                    for (Object[] row : rows) {
                        Status.parse((String) row[0]).ifPresent(s -> counts.put(s, ((Number) row[1]).longValue()));
                    }
                    return counts;
                });
    }

    private static Uni<List<TokenView>> withPoolCounts(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(POOL_COUNTS, Object[].class)
                        .setParameter("mints", tokens.stream().map(t -> t.mint).toList()).getResultList())
                .map(rows -> {
                    Map<String, long[]> byMint = new HashMap<>();
                    for (Object[] row : rows) {
                        byMint.put((String) row[0], new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
                    }
                    return tokens.stream().map(t -> {
                        long[] c = byMint.getOrDefault(t.mint, new long[2]);
                        return t.view(c[0], c[1]);
                    }).toList();
                });
    }
}
