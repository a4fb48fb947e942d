package io.marketdata.emulator.dexscreener;

import io.marketdata.emulator.market.Asset;
import io.marketdata.emulator.market.MarketModel;
import io.marketdata.emulator.tokens.MigratedToken;
import io.marketdata.emulator.tokens.PoolActivity;
import io.marketdata.emulator.tokens.PoolState;
import io.marketdata.emulator.tokens.TokenRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The migrated tokens' pools as of the current market tick: ages follow the market clock (frozen
 * clock, frozen pools) and USD values use the market model's SOL price of that tick.
 */
@ApplicationScoped
public class TokenPairs {

    @Inject
    MarketModel model;

    @Inject
    TokenRegistry registry;

    private volatile Asset sol;

    /** One consistent moment: market time for ages, the SOL/USD price for USD values. */
    public record Moment(long marketMs, double solUsd) {
    }

    /** Catches the migrations up with the clock and fixes the moment the answer describes. */
    public Moment now() {
        registry.catchUp();
        long tick = model.currentTick();
        return new Moment(tick * model.clock().tickMs(), model.sharedMid(solAsset(), tick));
    }

    public MigratedToken token(String mint) {
        return registry.byMint(mint);
    }

    /** The token's pools that exist at {@code moment}. */
    public List<PoolState> pools(MigratedToken token, Moment moment) {
        return PoolActivity.pools(token.spec(), token.ageSeconds(moment.marketMs()), moment.solUsd());
    }

    private Asset solAsset() {
        Asset a = sol;
        if (a == null) {
            a = model.universe().assets().stream().filter(x -> x.name().equals("SOL")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the market universe has no SOL"));
            sol = a;
        }
        return a;
    }
}
