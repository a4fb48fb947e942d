package io.marketdata.lifecycle.support;

import io.marketdata.lifecycle.tokens.Await;
import io.marketdata.lifecycle.tokens.PoolView;
import io.marketdata.lifecycle.tokens.TokenQueries;
import io.marketdata.lifecycle.tokens.TokenView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The service's own reactive reads ({@link TokenQueries}), awaited on the test thread. */
@ApplicationScoped
public class StoredTokens {

    @Inject
    TokenQueries queries;

    public Optional<TokenView> find(String mint) {
        return await(() -> queries.find(mint));
    }

    public List<PoolView> pools(String mint) {
        return await(() -> queries.pools(mint));
    }

    private static <T> T await(Supplier<Uni<T>> read) {
        try {
            return Await.result(read);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
