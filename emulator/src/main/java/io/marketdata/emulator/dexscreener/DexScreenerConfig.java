package io.marketdata.emulator.dexscreener;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings under {@code emulator.dexscreener.*} (environment: {@code EMULATOR_DEXSCREENER_ENFORCE_RATE_LIMIT}, …). */
@ConfigMapping(prefix = "emulator.dexscreener")
public interface DexScreenerConfig {

    /** When true, requests beyond {@link #requestsPerMinute()} in a UTC minute answer 429 with Retry-After. */
    @WithDefault("false")
    boolean enforceRateLimit();

    /** DexScreener's published limit for the token-pairs and tokens endpoints. */
    @WithDefault("300")
    int requestsPerMinute();
}
