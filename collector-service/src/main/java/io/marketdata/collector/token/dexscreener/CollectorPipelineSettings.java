package io.marketdata.collector.token.dexscreener;

import io.marketdata.collector.config.CollectorConfig;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.messaging.settings.SettingsFollower;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The pipeline settings this collector follows (hot threshold, hot/cold intervals): the owner's
 * (scoring-service) version loaded over HTTP, and every {@code settings.updated} of the
 * {@code settings-updated} channel after it, through the shared {@link SettingsFollower}. Until the
 * owner answers the defaults apply (0.3, 30 s, 120 s).
 */
@ApplicationScoped
public class CollectorPipelineSettings {

    private static final Logger LOG = Logger.getLogger(CollectorPipelineSettings.class);

    @Inject
    CollectorConfig config;

    private volatile SettingsFollower follower;

    synchronized void start() {
        if (follower == null) {
            follower = new SettingsFollower(URI.create(config.settings().ownerUrl()), v -> LOG.infof(
                    "pipeline settings version %d (%s): hot ≥ %.3f every %d s, cold every %d s", v.version(),
                    v.source().name().toLowerCase(), v.settings().hotScoreThreshold(),
                    v.settings().hotIntervalSeconds(), v.settings().coldIntervalSeconds()));
            follower.start();
        }
    }

    synchronized void stop() {
        if (follower != null) {
            follower.close();
        }
    }

    /** A {@code settings.updated}: the follower loads the owner's version (blocking HTTP, so a worker thread). */
    @Incoming("settings-updated")
    @Blocking
    public void onSettingsUpdated(byte[] body) {
        SettingsFollower f = follower;
        if (f != null) {
            f.onBusMessage(body);
        }
    }

    /** The follower (tests offer versions to it). Null while the DexScreener poller is disabled. */
    public SettingsFollower follower() {
        return follower;
    }

    public PipelineSettings settings() {
        SettingsFollower f = follower;
        return f == null ? PipelineSettings.defaults() : f.settings();
    }
}
