package io.marketdata.lifecycle.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every {@code lifecycle.*} setting; documented in lifecycle-service/README.md. */
@ConfigMapping(prefix = "lifecycle")
public interface LifecycleConfig {

    Consumer consumer();

    /** Period of the time-based check (low score for hours, archive after hours). */
    @WithDefault("30s")
    Duration checkInterval();

    /** Tokens transitioned per check transaction. */
    @WithDefault("500")
    int checkBatchSize();

    /** Period of the refresh of the {@code lifecycle_tokens{status}} gauge. */
    @WithDefault("15s")
    Duration gaugeInterval();

    Settings settings();

    interface Consumer {
        /** Durable queue bound to token.created, token.metrics and score.updated on token_events. */
        @WithDefault("lifecycle.token_events")
        String queue();

        /** Unacknowledged deliveries the broker may hand over at once (handled one by one). */
        @WithDefault("20")
        int prefetch();

        /** Consume at start-up. */
        @WithDefault("true")
        boolean enabled();
    }

    interface Settings {
        /** The settings owner's resource (scoring-service), loaded at start and after reconnects. */
        @WithDefault("http://localhost:8084/api/settings")
        String ownerUrl();
    }
}
