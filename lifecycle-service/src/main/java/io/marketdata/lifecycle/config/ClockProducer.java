package io.marketdata.lifecycle.config;

import io.marketdata.lifecycle.rules.LifecycleRules;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The time every decision is taken at. Tests replace the {@link Clock} with an alternative bean
 * they can move forward, so hours pass without sleeping.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    LifecycleRules rules(Clock clock) {
        return new LifecycleRules(clock);
    }
}
