package io.marketdata.messaging;

import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.Topology;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Transactional outbox (SPEC §4.5): an event is inserted in the same database transaction as the
 * state change it announces; a relay thread publishes it afterwards through an outgoing connector
 * channel with publisher confirms ({@code publish-confirms=true}) and deletes it once every message of
 * the batch is confirmed. A committed change is always announced, even when RabbitMQ is down at that
 * moment, and nothing is announced that did not commit. At least once: a crash between the confirm
 * and the delete publishes a row again, so consumers treat events idempotently.
 *
 * <p>The table, created by the owning service's migrations: {@code (id bigserial primary key, exchange
 * text, routing_key text, body bytea, correlation_id text, created_at timestamptz)}; the channel's
 * exchange is where events go, the {@code exchange} column records it. Several replicas may relay one
 * table: rows are claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
public final class Outbox implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    private static final int BATCH = 200;
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final String table;
    private final MutinyEmitter<byte[]> emitter;
    private final String appId;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long pending;
    private volatile boolean running;
    private volatile boolean healthy = true;
    private Thread relay;

    /**
     * @param table   qualified table name, e.g. {@code lifecycle.outbox}
     * @param emitter an outgoing channel with publisher confirms
     * @param appId   the publishing service, e.g. {@code lifecycle-service}
     */
    public Outbox(DataSource dataSource, String table, MutinyEmitter<byte[]> emitter, String appId) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.dataSource = dataSource;
        this.table = table;
        this.emitter = emitter;
        this.appId = appId;
    }

    /** Queues an event inside the caller's transaction; call {@link #wake()} after the commit. */
    public void add(java.sql.Connection tx, String exchange, String routingKey, byte[] body, String correlationId)
            throws SQLException {
        insert(tx, table, exchange, routingKey, body, correlationId);
    }

    /**
     * The same, for code that runs before the channels are wired (no relay yet): the row waits for the
     * relay's first pass.
     */
    public static void insert(java.sql.Connection tx, String table, String exchange, String routingKey, byte[] body,
            String correlationId) throws SQLException {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO " + table + " (exchange, routing_key, body, correlation_id) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, exchange);
            insert.setString(2, routingKey);
            insert.setBytes(3, body);
            insert.setString(4, correlationId);
            insert.executeUpdate();
        }
    }

    /** Tells the relay there is something to publish (it also looks every second on its own). */
    public void wake() {
        wake.release();
    }

    /** Call after the messaging lifecycle wired the channels (StartupEvent priority above 1000). */
    public void start() {
        running = true;
        relay = new Thread(this::run, table + "-relay");
        relay.setDaemon(true);
        relay.start();
    }

    private void run() {
        long backoff = 500;
        while (running) {
            try {
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
                while (running && relayBatch() == BATCH) {
                    // a full batch: more may be waiting
                }
                healthy = true;
                backoff = 500;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                healthy = false;
                failures.incrementAndGet();
                LOG.warnf("outbox %s: relay failed (%s), retrying in %d ms", table, e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    /** Publishes and deletes up to {@value #BATCH} rows, oldest first; returns how many. */
    private int relayBatch() throws Exception {
        try (java.sql.Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                List<Uni<Void>> confirms = new ArrayList<>();
                try (PreparedStatement select = db.prepareStatement("SELECT id, routing_key, body, correlation_id FROM "
                        + table + " ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED");
                     ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        confirms.add(emitter.sendMessage(Message.of(rows.getBytes(3),
                                Metadata.of(metadata(rows.getString(2), rows.getString(4))))));
                        ids.add(rows.getLong(1));
                    }
                }
                if (!confirms.isEmpty()) {
                    // every one confirmed, or the batch stays (and is published again, same bodies)
                    Uni.join().all(confirms).andFailFast().await().atMost(CONFIRM_TIMEOUT);
                    try (PreparedStatement delete = db.prepareStatement("DELETE FROM " + table + " WHERE id = ANY (?)")) {
                        delete.setArray(1, db.createArrayOf("bigint", ids.toArray()));
                        delete.executeUpdate();
                    }
                }
                db.commit();
                published.addAndGet(ids.size());
                try (Statement count = db.createStatement();
                     ResultSet rs = count.executeQuery("SELECT count(*) FROM " + table)) {
                    pending = rs.next() ? rs.getLong(1) : 0;
                }
                return ids.size();
            } catch (Exception e) {
                db.rollback();
                throw e;
            }
        }
    }

    private OutgoingRabbitMQMetadata metadata(String routingKey, String correlationId) {
        OutgoingRabbitMQMetadata.Builder b = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(routingKey)
                .withMessageId(UUID.randomUUID().toString())
                .withContentType(Topology.CONTENT_TYPE)
                .withContentEncoding("UTF-8")
                .withDeliveryMode(2)
                .withTimestamp(ZonedDateTime.now())
                .withAppId(appId)
                .withHeader(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION);
        if (correlationId != null) {
            b.withCorrelationId(correlationId);
        }
        return b.build();
    }

    /** Events published since start. */
    public long published() {
        return published.get();
    }

    /** Relay attempts that failed (database or broker). */
    public long failures() {
        return failures.get();
    }

    /** Rows waiting after the last relay pass. */
    public long pending() {
        return pending;
    }

    /** False after a failed relay pass, until one succeeds. */
    public boolean healthy() {
        return healthy;
    }

    /** Publishes what is queued (best effort, one batch) and stops; call before the connector closes. */
    @Override
    public void close() {
        running = false;
        wake.release();
        if (relay != null) {
            try {
                relay.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            relayBatch();
        } catch (Exception e) {
            LOG.warnf("outbox %s: final relay failed, rows stay for the next start: %s", table, e.getMessage());
        }
    }
}
