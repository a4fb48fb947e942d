package io.marketdata.lifecycle.support;

import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.messaging.settings.SettingsFollower;

/**
 * Puts the seed defaults in force. The version is far above what other modules' tests publish on
 * the shared test vhost, so their {@code settings.updated} messages cannot change thresholds under
 * these tests.
 */
public final class TestSettings {

    public static final long BASE_VERSION = 1_000_000_000_000_000L;

    private TestSettings() {
    }

    public static void defaults(SettingsFollower follower) {
        follower.offer(Math.max(follower.current().version() + 1, BASE_VERSION), PipelineSettings.defaults(),
                SettingsFollower.Source.LOCAL);
    }
}
