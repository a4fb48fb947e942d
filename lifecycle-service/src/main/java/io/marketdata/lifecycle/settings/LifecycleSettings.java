package io.marketdata.lifecycle.settings;

import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.messaging.settings.SettingsFollower;
import io.marketdata.lifecycle.config.LifecycleConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * This replica's copy of the pipeline settings (thresholds of SPEC §7), kept current by a
 * {@link SettingsFollower}: loaded from the owner (scoring-service) and replaced by every
 * {@code settings.updated} of the {@code settings-updated} channel. The rules read {@link #current()} at each decision, so a change applies
 * to the next message or check, without a restart. Until the owner answers: the seed defaults.
 */
@ApplicationScoped
public class LifecycleSettings {

    private static final Logger LOG = Logger.getLogger(LifecycleSettings.class);

    @Inject
    LifecycleConfig config;
    @Inject
    HealthCenter health;
    @Inject
    MeterRegistry registry;

    private SettingsFollower follower;

    @PostConstruct
    void init() {
        follower = new SettingsFollower(URI.create(config.settings().ownerUrl()),
                v -> LOG.infof("settings version %d from %s: min_liquidity_usd=%s min_tx_count=%d min_score=%s "
                        + "low_score_hours=%s low_activity_checks=%d archive_after_hours=%s", v.version(),
                        v.source().name().toLowerCase(), v.settings().minLiquidityUsd(), v.settings().minTxCount(),
                        v.settings().minScore(), v.settings().lowScoreHours(), v.settings().lowActivityChecks(),
                        v.settings().archiveAfterHours()));
        Gauge.builder("lifecycle.settings.version", follower, f -> f.current().version())
                .description("Version of the settings in use (0 = built-in defaults)").register(registry);
        FunctionCounter.builder("lifecycle.settings.rejected", follower, SettingsFollower::rejected)
                .description("settings.updated messages or owner answers that were not valid settings").register(registry);
    }

    void start(@Observes @Priority(100) StartupEvent event) {
        follower.start();
    }

    void stop(@Observes @Priority(300) ShutdownEvent event) {
        follower.close();
    }

    /** The settings to decide with, now. */
    public PipelineSettings current() {
        return follower.settings();
    }

    /** A {@code settings.updated}: the follower loads the owner's version (blocking HTTP, so a worker thread). */
    @Incoming("settings-updated")
    @Blocking
    public void onSettingsUpdated(byte[] body) {
        follower.onBusMessage(body);
    }

    /** True while the connector reports the {@code settings-updated} consumer attached. */
    public boolean listening() {
        return health.getReadiness().getChannels().stream()
                .filter(c -> "settings-updated".equals(c.getChannel())).allMatch(c -> c.isOk());
    }

    public SettingsFollower follower() {
        return follower;
    }
}
