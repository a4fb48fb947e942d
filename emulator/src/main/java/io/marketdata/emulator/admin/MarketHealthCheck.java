package io.marketdata.emulator.admin;

import io.marketdata.emulator.market.MarketModel;
import io.marketdata.emulator.market.Venue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the market model answers: reports the seed, tick and whether the clock is frozen. */
@Readiness
@ApplicationScoped
public class MarketHealthCheck implements HealthCheck {

    @Inject
    MarketModel model;

    @Override
    public HealthCheckResponse call() {
        var btc = model.byRouting(Venue.BINANCE, "BTCUSDT");
        boolean ok = btc != null && model.snapshot(btc).book().bidCount() > 0;
        return HealthCheckResponse.named("market-model")
                .status(ok)
                .withData("seed", model.seed())
                .withData("tick", model.currentTick())
                .withData("frozen", model.clock().frozen())
                .build();
    }
}
