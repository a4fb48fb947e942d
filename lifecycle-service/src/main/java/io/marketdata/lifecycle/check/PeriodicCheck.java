package io.marketdata.lifecycle.check;

import io.marketdata.lifecycle.config.LifecycleConfig;
import io.marketdata.lifecycle.metrics.LifecycleMetrics;
import io.marketdata.lifecycle.tokens.Await;
import io.marketdata.lifecycle.tokens.LifecycleService;
import io.marketdata.lifecycle.tokens.MintTransition;
import io.marketdata.lifecycle.tokens.TokenQueries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the time-based rules every {@code lifecycle.check-interval} (tests call {@link #runOnce()}
 * themselves) and refreshes the {@code lifecycle_tokens{status}} gauge every
 * {@code lifecycle.gauge-interval}. A failing run is logged, counted and tried again next time.
 */
@ApplicationScoped
public class PeriodicCheck {

    private static final Logger LOG = Logger.getLogger(PeriodicCheck.class);

    @Inject
    LifecycleService service;
    @Inject
    TokenQueries queries;
    @Inject
    LifecycleMetrics metrics;
    @Inject
    LifecycleConfig config;
    @Inject
    MeterRegistry registry;

    private ScheduledExecutorService scheduler;
    private Timer runs;
    private Counter failures;

    void start(@Observes @Priority(300) StartupEvent event) {
        runs = Timer.builder("lifecycle.check.duration").description("Duration of the periodic check").register(registry);
        failures = Counter.builder("lifecycle.check.failures").description("Periodic checks that failed").register(registry);
        scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "lifecycle-check");
            t.setDaemon(true);
            return t;
        });
        long check = config.checkInterval().toMillis();
        long gauge = config.gaugeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::scheduledCheck, check, check, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::refreshGauge, 0, gauge, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes @Priority(150) ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** One pass of the time-based rules, waited for on the calling thread; returns the transitions it committed. */
    public List<MintTransition> runOnce() throws Exception {
        Timer.Sample sample = Timer.start(registry);
        try {
            return Await.result(() -> service.check());
        } finally {
            sample.stop(runs);
        }
    }

    private void scheduledCheck() {
        try {
            List<MintTransition> done = runOnce();
            if (!done.isEmpty()) {
                LOG.infof("periodic check: %d transition(s)", done.size());
                refreshGauge();
            }
        } catch (Exception e) {
            failures.increment();
            LOG.warnf("periodic check failed, trying again in %s: %s", config.checkInterval(), e.getMessage());
        }
    }

    private void refreshGauge() {
        try {
            metrics.tokens(Await.result(() -> queries.counts()));
        } catch (Exception e) {
            LOG.debugf("token counts not refreshed: %s", e.getMessage());
        }
    }
}
