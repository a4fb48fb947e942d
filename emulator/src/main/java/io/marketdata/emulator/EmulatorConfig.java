package io.marketdata.emulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings under {@code emulator.*} (environment: {@code EMULATOR_SEED}, {@code EMULATOR_TICK_MS}, …). */
@ConfigMapping(prefix = "emulator")
public interface EmulatorConfig {

    /** Seed of the market model: same seed and tick number, same market. */
    @WithDefault("42")
    long seed();

    /** Milliseconds per market tick (the mid moves once per tick). */
    @WithDefault("1000")
    long tickMs();

    /** Ticks of price history kept per asset (mark-price candles). */
    @WithDefault("7200")
    int historyTicks();

    /** Start with the clock frozen (tests, reproducible demos). */
    @WithDefault("false")
    boolean startFrozen();

    Binance binance();

    interface Binance {

        /** When true, exceeding the per-minute request weight answers 429 like the real API. */
        @WithDefault("false")
        boolean enforceWeightLimit();

        /** USD-M futures: request weight per minute per IP. */
        @WithDefault("2400")
        int futuresWeightLimit();

        /** Spot: request weight per minute per IP. */
        @WithDefault("6000")
        int spotWeightLimit();
    }
}
