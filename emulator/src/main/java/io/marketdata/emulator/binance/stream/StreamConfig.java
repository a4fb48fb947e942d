package io.marketdata.emulator.binance.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings under {@code emulator.streams.*} (environment: {@code EMULATOR_STREAMS_POLL_MS}, …). */
@ConfigMapping(prefix = "emulator.streams")
public interface StreamConfig {

    /** How often (ms) the sender checks whether the market ticked and sends the new ticks' events. */
    @WithDefault("100")
    long pollMs();

    /**
     * A sender further behind than this many ticks (e.g. after {@code clock/step?ticks=1000}) sends one
     * merged event spanning them instead of one event per tick; ids chain either way.
     */
    @WithDefault("20")
    int maxCatchUpTicks();
}
