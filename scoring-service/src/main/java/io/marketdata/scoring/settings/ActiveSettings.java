package io.marketdata.scoring.settings;

import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.messaging.SchemaMigration;
import io.marketdata.messaging.settings.SettingsFollower;
import io.marketdata.messaging.settings.SettingsFollower.Source;
import io.marketdata.messaging.settings.SettingsFollower.Versioned;
import io.marketdata.scoring.bus.EventOutbox;
import io.marketdata.scoring.config.ScoringConfig;
import io.marketdata.scoring.db.Await;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The settings this replica scores with.
 *
 * <p>Like every service of the pipeline, the replica follows the settings with a
 * {@link SettingsFollower} (the {@code settings-updated} channel: a private queue on
 * {@code settings.updated}, plus a load from the owner's {@code GET /api/settings} at start and
 * every minute). As the owner it does not take
 * a version's content from the bus, though: the table {@code scoring.settings_versions} is the
 * truth, and a follower notification only triggers a re-read of it. So a stray
 * {@code settings.updated} (another process in the vhost, a test, a gateway publishing its own
 * numbering) can never make the owner score with settings it did not store, nor block later
 * versions by jumping the version number. Versions only move forward.
 *
 * <ul>
 *   <li>a successful {@code PUT} on this replica applies the new version at once ({@link #appliedLocally});</li>
 *   <li>other replicas of the owner get it from the bus within milliseconds, and in any case from
 *       the periodic re-read ({@code scoring.settings.refresh-interval}, 2 s).</li>
 * </ul>
 *
 * <p>Nothing is read at boot: a background thread ({@code settings-refresh}) waits for the schema
 * ({@link SchemaMigration#await()}), inserts version 1 if needed and loads the latest version, retrying
 * with back-off (1 s doubling to 30 s) while PostgreSQL is away, and only then starts the periodic
 * re-read. Until then {@link #loaded()} is false: the replica is not ready and scores nothing
 * ({@link #awaitLoaded}).
 */
@ApplicationScoped
public class ActiveSettings {

    private static final Logger LOG = Logger.getLogger(ActiveSettings.class);

    @Inject
    SettingsStore store;
    @Inject
    EventOutbox outbox;
    @Inject
    ScoringConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    HealthCenter health;
    @Inject
    SchemaMigration schema;

    private volatile Versioned current = new Versioned(0, PipelineSettings.defaults(), Source.DEFAULTS);
    private final AtomicLong refreshFailures = new AtomicLong();
    private SettingsFollower follower;
    private ScheduledExecutorService refresher;
    private final CountDownLatch loaded = new CountDownLatch(1);

    void start(@Observes @Priority(10) StartupEvent event) {
        Gauge.builder("scoring_settings_version", this, s -> s.current().version())
                .description("Version of the pipeline settings this replica scores with").register(registry);
        follower = new SettingsFollower(URI.create(config.settings().ownerUrl()),
                this::onFollowerChange);
        follower.start();
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "settings-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.execute(this::loadUntilDone);
    }

    /** On the refresher thread: the first load (after the schema, with back-off), then the periodic re-read. */
    private void loadUntilDone() {
        try {
            schema.awaitThenRetry("loading the settings", () -> {
                if (Await.result(store::ensureInitial)) {
                    LOG.info("settings version 1 (defaults) created");
                }
                refresh();
            }, refreshFailures::incrementAndGet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        loaded.countDown();
        long interval = config.settings().refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** True once the stored settings were read (version 1 inserted if needed). */
    public boolean loaded() {
        return loaded.getCount() == 0;
    }

    /** Waits up to {@code millis} for {@link #loaded()}; false if still not loaded (or interrupted). */
    public boolean awaitLoaded(long millis) {
        try {
            return loaded.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void stop(@Observes @Priority(20) ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        if (follower != null) {
            follower.close();
        }
    }

    /** The version scored with now. */
    public Versioned current() {
        return current;
    }

    public PipelineSettings settings() {
        return current.settings();
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

    /** True while the connector reports the {@code settings-updated} consumer attached. */
    public boolean listening() {
        return health.getReadiness().getChannels().stream()
                .filter(c -> "settings-updated".equals(c.getChannel())).allMatch(c -> c.isOk());
    }

    public SettingsFollower follower() {
        return follower;
    }

    public long refreshFailures() {
        return refreshFailures.get();
    }

    /** After a successful change on this replica: scored with from now on, and the follower knows it too. */
    public void appliedLocally(SettingsStore.Version version) {
        apply(version, Source.LOCAL);
        if (follower != null) {
            follower.offer(version.version(), version.settings(), Source.LOCAL);
        }
    }

    /** Re-reads the latest stored version and applies it if newer (waits on the calling thread: not an event loop). */
    public void refresh() throws Exception {
        apply(Await.result(store::latest), Source.OWNER);
    }

    private void onFollowerChange(Versioned announced) {
        if (announced.source() == Source.LOCAL || !loaded()) {
            return; // before the first load, which reads the latest version anyway
        }
        // the bus (or the owner's HTTP answer) says a version exists: the table decides what it holds
        if (announced.version() > current.version()) {
            refreshQuietly();
            if (current.version() < announced.version()) {
                LOG.warnf("settings version %d announced by %s is not stored here (latest %d): ignored",
                        announced.version(), announced.source(), current.version());
            }
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (Exception e) {
            refreshFailures.incrementAndGet();
            LOG.warnf("re-reading the settings failed (keeping version %d): %s", current.version(), e.getMessage());
        }
    }

    private synchronized void apply(SettingsStore.Version version, Source source) {
        if (version.version() > current.version()) {
            current = new Versioned(version.version(), version.settings(), source);
            LOG.infof("scoring with settings version %d (model %s, w_tx %s, w_vol %s, w_fresh %s, w_oi %s, ewma_alpha %s)",
                    version.version(), version.settings().scoringModel(), version.settings().wTx(),
                    version.settings().wVol(), version.settings().wFresh(), version.settings().wOi(),
                    version.settings().ewmaAlpha());
        }
    }
}
