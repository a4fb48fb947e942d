package io.marketdata.contracts.settings;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.amqp.AmqpSettings;
import io.marketdata.contracts.token.SettingsUpdated;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one replica's copy of the {@link PipelineSettings} current (SPEC §9.4: a change is
 * applied by every replica within 5 s, without a restart).
 *
 * <ul>
 *   <li>Every replica listens on a private queue (server-named, exclusive, auto-delete) bound to
 *       {@code token_events} / {@code settings.updated}: competing consumers would hand each change
 *       to one replica only.</li>
 *   <li>Once that queue is bound, and again after every connection recovery, it loads the latest
 *       version from the owner's HTTP API ({@code GET /api/settings} of the scoring-service), so a
 *       change published while this replica was starting or disconnected is not missed.</li>
 *   <li>A {@code settings.updated} message makes it load the owner's version (the message's content
 *       is used only when the owner is unreachable).</li>
 *   <li>Versions only move forward: a stale message or answer is ignored.</li>
 * </ul>
 * Until the owner has answered the replica runs on {@link PipelineSettings#defaults()}; a
 * background thread retries with back-off 1 s → 30 s. Plain Java, so every service can use it.
 */
public final class SettingsFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SettingsFollower.class.getName());
    private static final long MAX_BACKOFF_MS = 30_000;

    /** Where the current settings came from. */
    public enum Source { DEFAULTS, OWNER, BUS, LOCAL }

    /** A version of the settings; version 0 is the built-in defaults. */
    public record Versioned(long version, PipelineSettings settings, Source source) {
    }

    private final String clientName;
    private final AmqpSettings amqp;
    private final URI ownerUri;
    private final Consumer<Versioned> onChange;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicReference<Versioned> current =
            new AtomicReference<>(new Versioned(0, PipelineSettings.defaults(), Source.DEFAULTS));
    private final AtomicLong rejected = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Connection connection;
    private volatile boolean listening;
    private volatile boolean loadedFromOwner;
    private volatile Thread worker;

    /**
     * @param clientName shown in the broker's management UI, e.g. {@code lifecycle-service/settings}
     * @param ownerUri   the owner's settings resource, e.g. {@code http://localhost:8084/api/settings};
     *                   null to rely on the bus alone (the owner itself)
     * @param onChange   called with each newer version, on the follower's threads
     */
    public SettingsFollower(String clientName, AmqpSettings amqp, URI ownerUri, Consumer<Versioned> onChange) {
        this.clientName = clientName;
        this.amqp = amqp;
        this.ownerUri = ownerUri;
        this.onChange = onChange;
    }

    /** Starts listening and loading in the background; returns at once. */
    public synchronized void start() {
        if (worker == null) {
            worker = new Thread(this::connectAndLoad, "settings-follower");
            worker.setDaemon(true);
            worker.start();
        }
    }

    public Versioned current() {
        return current.get();
    }

    public PipelineSettings settings() {
        return current.get().settings();
    }

    /** True while the private queue is consuming {@code settings.updated}. */
    public boolean listening() {
        return listening;
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

    private void connectAndLoad() {
        long backoff = 1_000;
        while (stopped.getCount() > 0) {
            try {
                if (connection == null) {
                    connection = listen();
                }
                if (!loaded()) {
                    loadFromOwner();
                }
                return;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "settings not followed yet (" + e + "); retrying in " + backoff + " ms");
            }
            try {
                if (stopped.await(backoff, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    private Connection listen() throws Exception {
        Connection conn = amqp.open(clientName, true);
        try {
            Channel channel = conn.createChannel();
            channel.exchangeDeclare(Topology.TOKEN_EVENTS_EXCHANGE, "topic", true);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.SETTINGS_UPDATED);
            DeliverCallback deliver = (tag, delivery) -> onBusMessage(delivery.getBody());
            channel.basicConsume(queue, true, deliver, tag -> listening = false);
            if (conn instanceof Recoverable recoverable) {
                recoverable.addRecoveryListener(new RecoveryListener() {
                    @Override
                    public void handleRecovery(Recoverable r) {
                        listening = true;
                        reloadAfterRecovery();
                    }

                    @Override
                    public void handleRecoveryStarted(Recoverable r) {
                        listening = false;
                    }
                });
            }
            conn.addShutdownListener(cause -> listening = false);
            listening = true;
            return conn;
        } catch (Exception e) {
            conn.abort();
            throw e;
        }
    }

    /**
     * A {@code settings.updated} is taken as a notification: the owner's stored version is loaded,
     * so a stray message on the shared exchange (a test, a misconfigured tool) cannot install
     * settings the owner never stored. Only when the owner cannot be reached is the message's own
     * content applied — it is what the owner published, in the normal case.
     */
    private void onBusMessage(byte[] body) {
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

    private void reloadAfterRecovery() {
        if (ownerUri == null) {
            return;
        }
        Thread reload = new Thread(() -> {
            try {
                loadFromOwner();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "settings reload after reconnect failed: " + e.getMessage());
            }
        }, "settings-reload");
        reload.setDaemon(true);
        reload.start();
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
    public void close() {
        stopped.countDown();
        listening = false;
        Connection conn = connection;
        if (conn != null) {
            try {
                conn.close(2_000);
            } catch (Exception e) {
                conn.abort();
            }
        }
    }
}
