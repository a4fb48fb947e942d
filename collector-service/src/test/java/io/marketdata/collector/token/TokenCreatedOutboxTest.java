package io.marketdata.collector.token;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.marketdata.collector.support.CollectorTestResource;
import io.marketdata.collector.support.Emulator;
import io.marketdata.collector.support.TestBus;
import io.marketdata.collector.support.TestInfra;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * token.created through the outbox: lifecycle's queue did not exist when the collector started
 * (CollectorTestResource deletes it), yet every migrated mint reaches it exactly once; an event the
 * broker refuses stays pending and is re-sent with the same message id.
 */
@QuarkusTest
@QuarkusTestResource(value = CollectorTestResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenCreatedOutboxTest {

    private static final String QUEUE = CollectorTestResource.LIFECYCLE_QUEUE;

    @Inject
    PumpPortalListener listener;

    @Test
    @Order(1)
    void everyMigratedMintReachesLifecyclesQueueExactlyOnceThoughTheQueueDidNotExistAtStart() throws Exception {
        String declared = TestInfra.rabbitmqctl("list_queues", "-p", TestInfra.VHOST, "-q", "name", "arguments").lines()
                .filter(l -> l.startsWith(QUEUE + "\t") || l.startsWith(QUEUE + " ")).findFirst().orElse("");
        assertTrue(declared.contains("x-dead-letter-exchange") && declared.contains(Topology.DEAD_LETTER_EXCHANGE)
                && declared.contains("x-dead-letter-routing-key") && declared.contains(QUEUE), "declared as lifecycle does: " + declared);

        Emulator.get().admin("POST", "/_emulator/pumpportal/migrate?count=3");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                count("SELECT count(*) FROM collector.migrated_tokens") >= 3
                        && count("SELECT count(*) FROM collector.migrated_tokens WHERE announced_at IS NULL") == 0
                        && count("SELECT count(*) FROM collector.token_outbox WHERE sent_at IS NULL") == 0);
        Set<String> announced = mints("SELECT mint FROM collector.migrated_tokens WHERE announced_at IS NOT NULL");

        Map<String, List<String>> received = drainTokenCreated();
        for (String mint : announced) {
            // at-least-once with a stable id: a re-send after a lost confirm carries the same message id,
            // which consumers deduplicate on; what must hold is that it arrived, and under one id only
            Set<String> ids = new java.util.HashSet<>(received.getOrDefault(mint, List.of()));
            assertEquals(Set.of(MigratedTokens.messageId(mint)), ids, "token.created for " + mint + ", under one message id");
        }
        Set<String> known = mints("SELECT mint FROM collector.migrated_tokens");
        for (String mint : received.keySet()) {
            assertTrue(known.contains(mint), "a token.created without its row: " + mint);
        }
    }

    @Test
    @Order(2)
    void aRefusedEventStaysPendingAndIsResentWithTheSameMessageId() throws Exception {
        drainTokenCreated();
        String mint = randomMint();
        String refusing = "collector.test.refuse." + UUID.randomUUID();
        try (TestBus bus = new TestBus()) {
            Channel ch = bus.channel();
            // a full queue that rejects publishes: the broker nacks every token.created while it is bound
            ch.queueDeclare(refusing, false, false, true, Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
            ch.queueBind(refusing, Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_CREATED);
            try {
                listener.handle("{\"signature\":\"sig" + mint + "\",\"mint\":\"" + mint
                        + "\",\"txType\":\"migrate\",\"pool\":\"pump-amm\"}");
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                        .until(() -> row(mint).get("last_error") != null);
                Map<String, Object> refused = row(mint);
                assertNull(refused.get("sent_at"), "not sent while refused");
                assertNull(refused.get("announced_at"), "not announced while refused");
            } finally {
                ch.queueDelete(refusing);
            }
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> row(mint).get("sent_at") != null && row(mint).get("announced_at") != null);
        assertTrue(((Number) row(mint).get("attempts")).intValue() >= 2, "refused, then re-sent: " + row(mint));

        Map<String, List<String>> received = drainTokenCreated();
        List<String> ids = received.getOrDefault(mint, List.of());
        assertFalse(ids.isEmpty(), "the re-sent event reached lifecycle's queue");
        assertEquals(Set.of(MigratedTokens.messageId(mint)), new HashSet<>(ids), "one distinct message id per mint");
    }

    /** token.created in lifecycle's queue by mint → their message ids (the queue is emptied). */
    private static Map<String, List<String>> drainTokenCreated() throws Exception {
        Map<String, List<String>> byMint = new HashMap<>();
        try (TestBus bus = new TestBus()) {
            GetResponse r;
            while ((r = bus.channel().basicGet(QUEUE, true)) != null) {
                if (RoutingKeys.TOKEN_CREATED.equals(r.getEnvelope().getRoutingKey())) {
                    String mint = Json.MAPPER.readTree(r.getBody()).get("mint").asText();
                    byMint.computeIfAbsent(mint, k -> new ArrayList<>()).add(r.getProps().getMessageId());
                }
            }
        }
        return byMint;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<String> mints(String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Map<String, Object> row(String mint) throws Exception {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement("SELECT o.attempts, o.last_error, o.sent_at, m.announced_at "
                        + "FROM collector.token_outbox o JOIN collector.migrated_tokens m USING (mint) WHERE o.mint = ?")) {
            ps.setString(1, mint);
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, Object> row = new HashMap<>();
                if (rs.next()) {
                    row.put("attempts", rs.getInt(1));
                    row.put("last_error", rs.getString(2));
                    row.put("sent_at", rs.getTimestamp(3));
                    row.put("announced_at", rs.getTimestamp(4));
                }
                return row;
            }
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(TestInfra.JDBC_URL, TestInfra.DB_USER, TestInfra.DB_PASSWORD);
    }

    private static String randomMint() {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        java.util.Random random = new java.util.Random();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.append("pump").toString();
    }
}
