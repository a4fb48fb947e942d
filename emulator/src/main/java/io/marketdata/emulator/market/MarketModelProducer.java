package io.marketdata.emulator.market;

import io.marketdata.emulator.EmulatorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Creates the one market model of the application from {@link EmulatorConfig}. */
@ApplicationScoped
public class MarketModelProducer {

    private static final Logger LOG = Logger.getLogger(MarketModelProducer.class);

    @Produces
    @Singleton
    MarketModel marketModel(EmulatorConfig config) {
        MarketClock clock = new MarketClock(config.tickMs(), System::currentTimeMillis, config.startFrozen());
        return new MarketModel(config.seed(), clock, config.historyTicks());
    }

    void onStart(@Observes StartupEvent event, MarketModel model) {
        String listing = java.util.Arrays.stream(Venue.values())
                .map(v -> v.id() + "=" + model.instruments(v).size())
                .collect(Collectors.joining(", "));
        LOG.infof("market model ready: seed=%d tick-ms=%d frozen=%s assets=%d instruments: %s", model.seed(),
                model.clock().tickMs(), model.clock().frozen(), model.universe().assets().size(), listing);
    }
}
