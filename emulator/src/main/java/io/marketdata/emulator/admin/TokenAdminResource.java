package io.marketdata.emulator.admin;

import io.marketdata.emulator.dexscreener.PairWriter;
import io.marketdata.emulator.dexscreener.TokenPairs;
import io.marketdata.emulator.tokens.MigratedToken;
import io.marketdata.emulator.tokens.PoolState;
import io.marketdata.emulator.tokens.TokenRegistry;
import io.marketdata.emulator.tokens.Window;
import io.marketdata.emulator.web.JsonNumbers;
import io.marketdata.emulator.web.JsonWriter;
import io.marketdata.emulator.web.Responses;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The migrated tokens, newest first, with their fate and current pools (the DexScreener pairs) plus
 * a summary over the tradeable (non-bonding-curve) pools, so tests can check what a consumer should
 * conclude without re-implementing the model.
 */
@Path("/_emulator/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenAdminResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    @Inject
    TokenRegistry registry;

    @Inject
    TokenPairs pairs;

    static JsonWriter identity(JsonWriter w, MigratedToken t) {
        return w.field("index", t.index())
                .field("mint", t.mint())
                .field("name", t.spec().name())
                .field("symbol", t.spec().symbol())
                .field("signature", t.spec().signature())
                .field("pool", t.spec().migrationPool())
                .field("migrated_at", t.wallMs());
    }

    @GET
    public Response tokens(@QueryParam("limit") String limitParam, @QueryParam("mint") String mint) {
        Integer limit = Responses.intOrNull(limitParam, DEFAULT_LIMIT);
        if (limit == null || limit < 1 || limit > MAX_LIMIT) {
            return Responses.adminError(400, "bad_request", "limit must be an integer within [1, " + MAX_LIMIT + "]");
        }
        TokenPairs.Moment moment = pairs.now();
        List<MigratedToken> tokens;
        if (mint != null && !mint.isEmpty()) {
            MigratedToken t = registry.byMint(mint);
            tokens = t == null ? List.of() : List.of(t);
        } else {
            tokens = registry.newest(limit);
        }
        JsonWriter w = new JsonWriter(4096 * Math.max(1, tokens.size())).beginObject()
                .field("migrations", registry.count())
                .fieldNum("sol_usd", JsonNumbers.fixed(moment.solUsd(), 4));
        w.name("tokens").beginArray();
        for (MigratedToken t : tokens) {
            List<PoolState> pools = pairs.pools(t, moment);
            identity(w.beginObject(), t)
                    .field("fate", t.spec().fate().id())
                    .fieldNum("age_seconds", JsonNumbers.fixed(t.ageSeconds(moment.marketMs()), 3));
            summary(w, pools);
            w.name("pairs").beginArray();
            for (PoolState p : pools) {
                PairWriter.write(w, t, p);
            }
            w.endArray().endObject();
        }
        return Responses.ok(w.endArray().endObject());
    }

    /** Transactions per window over all pools and over tradeable ones; the best tradeable liquidity. */
    private static void summary(JsonWriter w, List<PoolState> pools) {
        double bestLiquidity = 0;
        w.name("activity").beginObject();
        for (Window win : Window.values()) {
            long all = 0;
            long tradeable = 0;
            for (PoolState p : pools) {
                all += p.txns(win);
                tradeable += p.pool().bondingCurve() ? 0 : p.txns(win);
            }
            w.field("txns_" + win.key(), all).field("tradeable_txns_" + win.key(), tradeable);
        }
        for (PoolState p : pools) {
            if (!p.pool().bondingCurve() && p.liquidity() != null) {
                bestLiquidity = Math.max(bestLiquidity, p.liquidity().usd());
            }
        }
        w.fieldNum("tradeable_liquidity_usd", JsonNumbers.fixed(bestLiquidity, 2)).endObject();
    }
}
