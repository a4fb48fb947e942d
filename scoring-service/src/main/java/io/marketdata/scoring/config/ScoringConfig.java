package io.marketdata.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every {@code scoring.*} setting; documented in scoring-service/README.md. */
@ConfigMapping(prefix = "scoring")
public interface ScoringConfig {

    Consumer consumer();

    Settings settings();

    History history();

    StateCache stateCache();

    interface Consumer {
        /** Durable queue bound to {@code token.metrics} and {@code token.status_changed} on {@code token_events}. */
        @WithDefault("scoring.token_events")
        String queue();

        /**
         * Unacknowledged deliveries of the channel ({@code max-outstanding-messages}); they are still
         * handled one at a time, in queue order. (The former {@code scoring.consumer.consumers} is gone:
         * the connector has one consumer per channel; more throughput comes from more replicas.)
         */
        @WithDefault("20")
        int prefetch();

        /** Consume at all ({@code mp.messaging.incoming.token-events.enabled} follows it). */
        @WithDefault("true")
        boolean enabled();
    }

    interface Settings {
        /** The owner's settings resource the follower loads from (this replica itself is fine). */
        @WithDefault("http://localhost:8084/api/settings")
        String ownerUrl();

        /** Every replica re-reads the latest version from its own table this often (safety net for the bus). */
        @WithDefault("2s")
        Duration refreshInterval();
    }

    interface History {
        /** Score rows older than this are deleted (and tokens not heard of for this long forgotten). */
        @WithDefault("30d")
        Duration retention();

        /** Period of the retention job. */
        @WithDefault("1h")
        Duration retentionInterval();

        /** Rows deleted per statement by the retention job. */
        @WithDefault("10000")
        int deleteBatch();

        /** Range of a history query without {@code from}. */
        @WithDefault("24h")
        Duration defaultRange();

        /** Most points one history query returns (the default {@code limit}). */
        @WithDefault("5000")
        int maxPoints();
    }

    interface StateCache {
        /** (mint, model) states kept in memory; least recently used ones are rebuilt from the database. */
        @WithDefault("20000")
        int maxEntries();
    }
}
