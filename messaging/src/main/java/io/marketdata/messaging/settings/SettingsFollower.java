package io.marketdata.messaging.settings;

import io.marketdata.contracts.Json;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.contracts.settings.ValidatedSettings;
import io.marketdata.contracts.token.SettingsUpdated;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one replica's copy of the {@link PipelineSettings} current (SPEC §9.4: a change is
 * applied by every replica within 5 s, without a restart). It holds the rules, not the transport:
 * each service feeds it the {@code settings.updated} messages of its own {@code settings-updated}
 * channel (a server-named, exclusive, auto-delete queue per replica, bound to {@code token_events};
 * competing consumers would hand each change to one replica only) through {@link #onBusMessage}.
 *
 * <ul>
 *   <li>At start it loads the latest version from the owner's HTTP API ({@code GET /api/settings}
 *       of the scoring-service), retrying with back-off 1 s → 30 s; then it reloads every
 *       {@value #RECONCILE_SECONDS} s, so a change published while this replica's channel was
 *       away (a broker restart) is picked up even though its message was never delivered.</li>
 *   <li>A {@code settings.updated} message makes it load the owner's version (the message's content
 *       is used only when the owner is unreachable).</li>
 *   <li>Versions only move forward: a stale message or answer is ignored.</li>
 * </ul>
 * Until the owner has answered the replica runs on {@link PipelineSettings#defaults()}. Plain Java,
 * so every service can use it.
 */
public final class SettingsFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SettingsFollower.class.getName());
    private static final long MAX_BACKOFF_MS = 30_000;
    /** Period of the reload that catches changes whose message was missed. */
    public static final long RECONCILE_SECONDS = 60;

    /** Where the current settings came from. */
    public enum Source { DEFAULTS, OWNER, BUS, LOCAL }

    /** A version of the settings; version 0 is the built-in defaults. */
    public record Versioned(long version, PipelineSettings settings, Source source) {
    }

    private final URI ownerUri;
    private final Consumer<Versioned> onChange;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicReference<Versioned> current =
            new AtomicReference<>(new Versioned(0, PipelineSettings.defaults(), Source.DEFAULTS));
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean loadedFromOwner;
    private ScheduledExecutorService scheduler;

    /**
     * @param ownerUri the owner's settings resource, e.g. {@code http://localhost:8084/api/settings};
     *                 null to rely on the bus alone
     * @param onChange called with each newer version, on the caller's or the follower's thread
     */
    public SettingsFollower(URI ownerUri, Consumer<Versioned> onChange) {
        this.ownerUri = ownerUri;
        this.onChange = onChange;
    }

    /** Starts loading from the owner in the background; returns at once. */
    public synchronized void start() {
        if (scheduler == null && ownerUri != null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "settings-follower");
                t.setDaemon(true);
                return t;
            });
            scheduler.execute(() -> firstLoad(1_000));
        }
    }

    public Versioned current() {
        return current.get();
    }

    public PipelineSettings settings() {
        return current.get().settings();
    }

    /** True once the owner's current version was loaded (always true without an owner). */
    public boolean loaded() {
        return ownerUri == null || loadedFromOwner;
    }

    /** Messages or answers that were not valid settings. */
    public long rejected() {
        return rejected.get();
    }

    /**
     * Offers a version; it becomes current only if newer than the current one.
     *
     * @return true if it was applied
     */
    public boolean offer(long version, PipelineSettings settings, Source source) {
        Versioned next = new Versioned(version, settings, source);
        Versioned before = current.getAndUpdate(v -> version > v.version() ? next : v);
        if (version <= before.version()) {
            return false;
        }
        LOG.info(() -> "settings version " + version + " applied (from " + source.name().toLowerCase() + ")");
        onChange.accept(next);
        return true;
    }

    private void firstLoad(long backoff) {
        try {
            loadFromOwner();
            scheduler.scheduleWithFixedDelay(this::reconcile, RECONCILE_SECONDS, RECONCILE_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            LOG.log(Level.WARNING, "settings owner not reached yet (" + e + "); retrying in " + backoff + " ms");
            try {
                scheduler.schedule(() -> firstLoad(Math.min(MAX_BACKOFF_MS, backoff * 2)), backoff, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // closed meanwhile
            }
        }
    }

    private void reconcile() {
        try {
            loadFromOwner();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.fine(() -> "settings reconcile: owner unreachable (" + e.getMessage() + ")");
        }
    }

    /**
     * A {@code settings.updated} is taken as a notification: the owner's stored version is loaded,
     * so a stray message on the shared exchange (a test, a misconfigured tool) cannot install
     * settings the owner never stored. Only when the owner cannot be reached is the message's own
     * content applied — it is what the owner published, in the normal case.
     */
    public void onBusMessage(byte[] body) {
        if (ownerUri != null) {
            try {
                loadFromOwner();
                return;
            } catch (IOException e) {
                LOG.warning(() -> "owner unreachable after settings.updated (" + e + "); applying the message itself");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        accept(body, Source.BUS);
    }

    private void loadFromOwner() throws IOException, InterruptedException {
        if (ownerUri == null) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(ownerUri).timeout(Duration.ofSeconds(3))
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + ownerUri + " answered " + response.statusCode());
        }
        if (!accept(response.body(), Source.OWNER)) {
            throw new IOException("GET " + ownerUri + " answered something that is not valid settings");
        }
        loadedFromOwner = true;
    }

    /** @return false if the body is not a valid settings version */
    private boolean accept(byte[] body, Source source) {
        try {
            SettingsUpdated update = Json.fromBytes(body, SettingsUpdated.class);
            ValidatedSettings parsed = PipelineSettings.fromPublished(update.settings());
            if (!parsed.isValid() || update.version() < 1) {
                rejected.incrementAndGet();
                LOG.warning(() -> "ignored settings version " + update.version() + " from " + source + ": " + parsed.errors());
                return false;
            }
            offer(update.version(), parsed.settings(), source);
            return true;
        } catch (IOException | RuntimeException e) {
            rejected.incrementAndGet();
            LOG.warning(() -> "ignored unreadable settings from " + source + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
