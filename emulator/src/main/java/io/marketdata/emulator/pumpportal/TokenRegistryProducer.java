package io.marketdata.emulator.pumpportal;

import io.marketdata.emulator.market.MarketModel;
import io.marketdata.emulator.tokens.TokenFactory;
import io.marketdata.emulator.tokens.TokenRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one migration registry, shared by the PumpPortal feed and DexScreener. It lives here because
 * migrations are PumpPortal's events: their schedule is an {@code emulator.pumpportal.*} setting.
 */
@ApplicationScoped
public class TokenRegistryProducer {

    @Produces
    @Singleton
    TokenRegistry tokenRegistry(MarketModel model, PumpPortalConfig config) {
        return new TokenRegistry(new TokenFactory(model.seed()), model.clock(), config.migrationInterval().toMillis(),
                config.maxCatchUp(), config.maxTokens());
    }
}
