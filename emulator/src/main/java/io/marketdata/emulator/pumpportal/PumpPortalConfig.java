package io.marketdata.emulator.pumpportal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings under {@code emulator.pumpportal.*} (environment: {@code EMULATOR_PUMPPORTAL_MIGRATION_INTERVAL}, …). */
@ConfigMapping(prefix = "emulator.pumpportal")
public interface PumpPortalConfig {

    /** Market time between two scheduled migrations (SPEC §12: one every ~10 s in the demo). */
    @WithDefault("10s")
    Duration migrationInterval();

    /** Market time between two token creations sent to {@code subscribeNewToken} subscribers. */
    @WithDefault("3s")
    Duration createInterval();

    /** How often (ms) the sender checks for due migrations and creations. */
    @WithDefault("100")
    long pollMs();

    /** At most this many scheduled migrations (or creations) happen at once after a long clock step. */
    @WithDefault("1000")
    int maxCatchUp();

    /** Migrated tokens kept for DexScreener (~28 h at the default interval); older ones are forgotten. */
    @WithDefault("10000")
    int maxTokens();
}
