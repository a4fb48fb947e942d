package io.marketdata.contracts.amqp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.Topology;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transactional outbox against the real PostgreSQL and broker. */
class OutboxTest {

    private static final String TABLE = "contracts_test.outbox";
    private static final String EXCHANGE = "contracts_test_events";
    private static final String QUEUE = "contracts.outbox.test";

    private final DataSource db = TestBroker.dataSource();

    @BeforeEach
    void freshTable() throws Exception {
        try (java.sql.Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS contracts_test");
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute(Outbox.ddl(TABLE));
        }
    }

    @Test
    void publishesCommittedEventsInOrderAndNothingRolledBack() throws Exception {
        try (Connection conn = TestBroker.connect(); Outbox outbox = new Outbox(db, TABLE, TestBroker.AMQP, "contracts-test")) {
            Channel ch = queue(conn);
            try (java.sql.Connection tx = db.getConnection()) {
                tx.setAutoCommit(false);
                outbox.add(tx, EXCHANGE, "event.rolled_back", bytes("never"), null);
                tx.rollback();
                for (int i = 1; i <= 250; i++) {
                    outbox.add(tx, EXCHANGE, "event.created", bytes("e" + i), "corr-" + i);
                }
                tx.commit();
            }
            outbox.start();
            outbox.wake();
            List<GetResponse> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                received.addAll(TestBroker.drain(ch, QUEUE));
                return received.size() >= 250;
            });
            assertEquals(250, received.size(), "the rolled-back event was not published");
            for (int i = 0; i < 250; i++) {
                GetResponse m = received.get(i);
                assertEquals("e" + (i + 1), new String(m.getBody(), StandardCharsets.UTF_8), "in insertion order");
                assertEquals("corr-" + (i + 1), m.getProps().getCorrelationId());
                assertEquals(2, m.getProps().getDeliveryMode());
                assertEquals(Topology.CONTENT_TYPE, m.getProps().getContentType());
                assertEquals(MessageType.SCHEMA_VERSION, m.getProps().getHeaders().get(Topology.SCHEMA_VERSION_HEADER).toString());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> rows() == 0);
            assertEquals(250, outbox.published());
        }
    }

    @Test
    void keepsEventsWhileTheBrokerIsUnreachableAndRelaysThemLater() throws Exception {
        AmqpSettings nowhere = new AmqpSettings("localhost", 1, "guest", "guest", "marketdata_test");
        try (java.sql.Connection tx = db.getConnection()) {
            outbox(nowhere).add(tx, EXCHANGE, "event.created", bytes("kept"), null);
        }
        Outbox unreachable = outbox(nowhere);
        unreachable.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> unreachable.failures() > 0);
        assertTrue(!unreachable.healthy());
        unreachable.close();
        assertEquals(1, rows(), "the event stays until it is published");

        try (Connection conn = TestBroker.connect(); Outbox outbox = outbox(TestBroker.AMQP)) {
            Channel ch = queue(conn);
            outbox.start();
            List<GetResponse> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                received.addAll(TestBroker.drain(ch, QUEUE));
                return !received.isEmpty();
            });
            assertEquals("kept", new String(received.get(0).getBody(), StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> rows() == 0);
        }
    }

    @Test
    void refusesSomethingThatIsNotATableName() {
        try {
            new Outbox(db, "x; DROP TABLE y", TestBroker.AMQP, "contracts-test");
        } catch (IllegalArgumentException expected) {
            return;
        }
        throw new AssertionError("accepted an injected table name");
    }

    private Outbox outbox(AmqpSettings amqp) {
        return new Outbox(db, TABLE, amqp, "contracts-test");
    }

    private Channel queue(Connection conn) throws Exception {
        Channel ch = conn.createChannel();
        ch.exchangeDeclare(EXCHANGE, "topic", true);
        ch.queueDeclare(QUEUE, true, false, false, null);
        ch.queueBind(QUEUE, EXCHANGE, "event.#");
        ch.queuePurge(QUEUE);
        return ch;
    }

    private long rows() throws Exception {
        try (java.sql.Connection c = db.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM " + TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
