package io.marketdata.emulator.pumpportal;

import io.marketdata.emulator.tokens.MigratedToken;
import io.marketdata.emulator.tokens.TokenFactory;
import io.marketdata.emulator.tokens.TokenRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Sends PumpPortal's event frames. Every {@code emulator.pumpportal.poll-ms} one background thread
 * materialises the migrations due by the market clock ({@link TokenRegistry#catchUp()}), takes those
 * it has not sent yet (scheduled ones and those of {@code /_emulator/pumpportal/migrate}) and the
 * creations due, renders each once and queues it to every subscribed connection. Migrations happen
 * whether or not anybody listens: DexScreener knows them either way.
 */
@ApplicationScoped
public class PumpPortalSender {

    private static final Logger LOG = Logger.getLogger(PumpPortalSender.class);

    @Inject
    TokenRegistry registry;

    @Inject
    PumpPortalHub hub;

    @Inject
    PumpPortalConfig config;

    private ScheduledExecutorService executor;
    private long nextIndex;
    private long creationsDone;

    void start(@Observes StartupEvent event) {
        nextIndex = hub.nextMigrationIndex();
        creationsDone = hub.currentCreationSlot();
        long pollMs = Math.max(1, config.pollMs());
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pumpportal-sender");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::pollSafely, pollMs, pollMs, TimeUnit.MILLISECONDS);
        LOG.infof("pumpportal feed ready: a migration every %d ms and a creation every %d ms of market time",
                registry.intervalMs(), config.createInterval().toMillis());
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // A failure must not cancel the schedule: log it and try again at the next poll.
            LOG.error("pumpportal sender failed", e);
        }
    }

    void poll() {
        Map<PumpPortalSession, List<String>> outbox = new LinkedHashMap<>();
        registry.catchUp();
        for (MigratedToken t : registry.from(nextIndex)) {
            nextIndex = t.index() + 1;
            if (!hub.silencedMigration(t.index())) {
                publish(s -> s.wantsMigration(t.index()), () -> PumpPortalFrames.migration(t), outbox);
            }
        }
        long dueSlot = hub.currentCreationSlot();
        if (dueSlot > creationsDone) {
            long first = Math.max(creationsDone + 1, dueSlot - config.maxCatchUp() + 1);
            TokenFactory factory = registry.factory();
            for (long slot = first; slot <= dueSlot; slot++) {
                long s = slot;
                if (!hub.silencedCreation(s)) {
                    publish(x -> x.wantsCreation(s), () -> PumpPortalFrames.creation(factory.created(s)), outbox);
                }
            }
            creationsDone = dueSlot;
        }
        outbox.forEach(PumpPortalSession::send);
    }

    /**
     * Queues the frame (or its malformed stand-in) to every session {@code wants} accepts; the frame
     * is rendered only when somebody listens.
     */
    private void publish(Predicate<PumpPortalSession> wants, Supplier<String> frame,
            Map<PumpPortalSession, List<String>> outbox) {
        List<PumpPortalSession> recipients = new ArrayList<>();
        for (PumpPortalSession s : hub.sessions()) {
            if (wants.test(s)) {
                recipients.add(s);
            }
        }
        if (recipients.isEmpty()) {
            return; // nobody listening: the event is not "sent", so no malformed frame is used up
        }
        long bad = hub.takeMalformed();
        String valid = frame.get();
        String text = bad < 0 ? valid : PumpPortalFrames.malformed(bad, valid);
        for (PumpPortalSession s : recipients) {
            outbox.computeIfAbsent(s, k -> new ArrayList<>()).add(text);
        }
        hub.sent(recipients.size(), bad >= 0);
    }
}
