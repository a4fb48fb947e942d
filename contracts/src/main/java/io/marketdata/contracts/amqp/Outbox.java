package io.marketdata.contracts.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.Topology;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Transactional outbox: an event is inserted in the same database transaction as the state change
 * it announces, and a relay publishes it afterwards (persistent, publisher-confirmed) and deletes
 * it. So a committed change is always announced, even when RabbitMQ is down at that moment, and
 * nothing is announced that did not commit (SPEC §4.5). At-least-once: a crash between the
 * confirm and the delete publishes a row again, so consumers treat events idempotently.
 *
 * <p>The table, created by the owning service's migrations ({@link #ddl}):
 * {@code (id bigserial primary key, exchange text, routing_key text, body bytea, correlation_id text, created_at timestamptz)}.
 * Several replicas may relay one table: rows are claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
public final class Outbox implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    private static final int BATCH = 200;

    private final DataSource dataSource;
    private final String table;
    private final AmqpSettings amqp;
    private final String appId;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long pending;
    private volatile boolean running;
    private volatile boolean healthy = true;
    private Thread relay;
    private Connection connection;
    private Channel channel;
    private final java.util.Set<String> declared = new java.util.HashSet<>();

    /**
     * @param table qualified table name, e.g. {@code lifecycle.outbox}
     * @param appId the publishing service, e.g. {@code lifecycle-service}
     */
    public Outbox(DataSource dataSource, String table, AmqpSettings amqp, String appId) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.dataSource = dataSource;
        this.table = table;
        this.amqp = amqp;
        this.appId = appId;
    }

    /** The table's DDL, for the owning service's migration. */
    public static String ddl(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (id bigserial PRIMARY KEY, exchange text NOT NULL, "
                + "routing_key text NOT NULL, body bytea NOT NULL, correlation_id text, "
                + "created_at timestamptz NOT NULL DEFAULT now())";
    }

    /** Queues an event inside the caller's transaction; call {@link #wake()} after the commit. */
    public void add(java.sql.Connection tx, String exchange, String routingKey, byte[] body, String correlationId)
            throws SQLException {
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

    public void start() {
        running = true;
        relay = new Thread(this::run, "outbox-relay");
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
                LOG.warning(() -> "outbox " + table + ": relay failed (" + e.getMessage() + "), retrying");
                closeChannel();
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
                try (PreparedStatement select = db.prepareStatement("SELECT id, exchange, routing_key, body, correlation_id FROM "
                        + table + " ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED");
                     ResultSet rows = select.executeQuery()) {
                    Channel ch = null;
                    while (rows.next()) {
                        if (ch == null) {
                            ch = channel();
                        }
                        declareOnce(ch, rows.getString(2));
                        ch.basicPublish(rows.getString(2), rows.getString(3), properties(rows.getString(5)), rows.getBytes(4));
                        ids.add(rows.getLong(1));
                    }
                    if (ch != null) {
                        ch.waitForConfirmsOrDie(10_000);
                    }
                }
                if (!ids.isEmpty()) {
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

    /** The target exchange may not exist yet on a fresh broker: every exchange of the platform is a durable topic. */
    private void declareOnce(Channel ch, String exchange) throws java.io.IOException {
        if (declared.add(exchange)) {
            ch.exchangeDeclare(exchange, "topic", true);
        }
    }

    private AMQP.BasicProperties properties(String correlationId) {
        return MessageProperties.PERSISTENT_BASIC.builder()
                .contentType(Topology.CONTENT_TYPE)
                .contentEncoding("UTF-8")
                .messageId(UUID.randomUUID().toString())
                .correlationId(correlationId)
                .timestamp(new Date())
                .appId(appId)
                .headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION))
                .build();
    }

    private Channel channel() throws Exception {
        if (channel == null || !channel.isOpen()) {
            if (connection == null || !connection.isOpen()) {
                connection = amqp.open(appId + "/outbox", false);
            }
            channel = connection.createChannel();
            channel.confirmSelect();
        }
        return channel;
    }

    private void closeChannel() {
        try {
            if (connection != null) {
                connection.abort();
            }
        } finally {
            connection = null;
            channel = null;
            declared.clear();
        }
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

    /** Publishes what is queued (best effort, up to the timeout) and stops. */
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
            LOG.warning(() -> "outbox " + table + ": final relay failed, rows stay for the next start: " + e.getMessage());
        }
        closeChannel();
    }
}
