package io.marketdata.emulator.dexscreener;

import io.marketdata.emulator.binance.WeightWindow;
import io.marketdata.emulator.faults.ApiVenue;
import io.marketdata.emulator.faults.VenueErrors;
import io.marketdata.emulator.tokens.MigratedToken;
import io.marketdata.emulator.tokens.PoolState;
import io.marketdata.emulator.web.JsonWriter;
import io.marketdata.emulator.web.Responses;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * DexScreener's token endpoints ({@code https://api.dexscreener.com}): bare JSON arrays of pairs.
 * Only Solana is modelled; another chain, an unknown mint or a forgotten one answers {@code []}.
 */
@Path("/dexscreener")
@Produces(MediaType.APPLICATION_JSON)
public class DexScreenerResource {

    /** Token addresses one {@code /tokens/v1} request may carry. */
    static final int MAX_ADDRESSES = 30;

    @Inject
    TokenPairs pairs;

    @Inject
    DexScreenerConfig config;

    private WeightWindow window;

    @PostConstruct
    void init() {
        window = new WeightWindow(config.requestsPerMinute());
    }

    @GET
    @Path("token-pairs/v1/{chainId}/{tokenAddress}")
    public Response tokenPairs(@PathParam("chainId") String chainId, @PathParam("tokenAddress") String address) {
        Response limited = rateLimited();
        if (limited != null) {
            return limited;
        }
        return render(chainId, List.of(address.trim()));
    }

    @GET
    @Path("tokens/v1/{chainId}/{tokenAddresses}")
    public Response tokens(@PathParam("chainId") String chainId, @PathParam("tokenAddresses") String addresses) {
        Response limited = rateLimited();
        if (limited != null) {
            return limited;
        }
        Set<String> mints = new LinkedHashSet<>();
        for (String a : addresses.split(",")) {
            if (!a.isBlank()) {
                mints.add(a.trim());
            }
        }
        if (mints.size() > MAX_ADDRESSES) {
            return Responses.json(400, new JsonWriter().beginObject().field("error", "Bad Request")
                    .field("message", "At most " + MAX_ADDRESSES + " token addresses per request, got " + mints.size())
                    .endObject().toString());
        }
        return render(chainId, new ArrayList<>(mints));
    }

    private Response render(String chainId, List<String> mints) {
        JsonWriter w = new JsonWriter(2048 * Math.max(1, mints.size())).beginArray();
        if ("solana".equals(chainId)) {
            TokenPairs.Moment moment = pairs.now();
            for (String mint : mints) {
                MigratedToken token = pairs.token(mint);
                if (token == null) {
                    continue;
                }
                for (PoolState pool : pairs.pools(token, moment)) {
                    PairWriter.write(w, token, pool);
                }
            }
        }
        return Responses.ok(w.endArray());
    }

    /** With the limit enforced, the request over the minute's budget: 429 + Retry-After; else null. */
    private Response rateLimited() {
        if (!config.enforceRateLimit()) {
            return null;
        }
        long now = System.currentTimeMillis();
        if (window.add(now, 1) <= window.limit()) {
            return null;
        }
        long retryAfter = WeightWindow.secondsToNextMinute(now);
        return Response.status(429).type(Responses.JSON).header("Retry-After", Long.toString(retryAfter))
                .entity(VenueErrors.body(ApiVenue.DEXSCREENER, 429, (int) retryAfter)).build();
    }
}
