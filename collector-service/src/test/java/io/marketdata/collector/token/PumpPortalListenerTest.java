package io.marketdata.collector.token;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.collector.support.CollectorTestResource;
import io.marketdata.collector.support.Emulator;
import io.marketdata.collector.support.TestBus;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The listener against the emulator's PumpPortal feed, over the real broker and database. */
@QuarkusTest
@QuarkusTestResource(value = CollectorTestResource.class, restrictToAnnotatedClass = false)
class PumpPortalListenerTest {

    @Inject
    PumpPortalListener listener;
    @Inject
    MeterRegistry registry;

    private double count(String name, String kind) {
        return kind == null ? registry.get(name).counter().count() : registry.get(name).tag("kind", kind).counter().count();
    }

    private static Set<String> mintsOf(TestBus.Subscription sub, int n) throws Exception {
        Set<String> mints = new HashSet<>();
        while (mints.size() < n) {
            TestBus.Received r = sub.await(x -> true, Duration.ofSeconds(20));
            assertNotNull(r, "token.created missing after " + mints);
            assertTrue(SchemaValidator.get().validate(MessageType.TOKEN_CREATED, r.body()).isEmpty());
            assertEquals(MessageType.SCHEMA_VERSION, r.properties().getHeaders().get(Topology.SCHEMA_VERSION_HEADER).toString());
            JsonNode body = Json.MAPPER.readTree(r.body());
            assertTrue(body.get("migrated_at").asLong() > 1_000_000_000_000L);
            mints.add(body.get("mint").asText());
        }
        return mints;
    }

    @Test
    void migrationsBecomeTokenCreatedOncePerMintThroughDropsAndBadFrames() throws Exception {
        Emulator emulator = Emulator.get();
        await().atMost(Duration.ofSeconds(30)).until(listener::connected);
        try (TestBus bus = new TestBus()) {
            TestBus.Subscription created = bus.subscribe(Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_CREATED);
            emulator.admin("POST", "/_emulator/pumpportal/migrate?count=3");
            assertTrue(mintsOf(created, 3).size() >= 3);

            // the server drops the connection: the listener reconnects, resubscribes and carries on
            double reconnects = registry.get("collector_pumpportal_reconnects_total").counter().count();
            emulator.admin("POST", "/_emulator/pumpportal/drop");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    registry.get("collector_pumpportal_reconnects_total").counter().count() > reconnects && listener.connected());
            double malformed = count("collector_pumpportal_frames_total", "malformed");
            emulator.admin("POST", "/_emulator/pumpportal/malformed?count=2");
            emulator.admin("POST", "/_emulator/pumpportal/migrate?count=1");
            created.clear();
            emulator.admin("POST", "/_emulator/pumpportal/migrate?count=1");
            assertEquals(1, mintsOf(created, 1).size());
            assertTrue(count("collector_pumpportal_frames_total", "malformed") >= malformed + 2);
        }
    }

    /** A fresh base58 mint (44 characters), so earlier runs' rows in migrated_tokens do not interfere. */
    private static String randomMint() {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        java.util.Random random = new java.util.Random();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.append("pump").toString();
    }

    @Test
    void aRepeatedMigrationIsAnnouncedOnce() throws Exception {
        String mint = randomMint();
        String frame = "{\"signature\":\"sig" + mint + "\",\"mint\":\"" + mint + "\",\"txType\":\"migrate\",\"pool\":\"pump-amm\"}";
        try (TestBus bus = new TestBus()) {
            TestBus.Subscription created = bus.subscribe(Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_CREATED);
            double duplicates = registry.get("collector_pumpportal_duplicates_total").counter().count();
            listener.handle(frame);
            listener.handle(frame);
            String expected = mint;
            assertNotNull(created.await(r -> new String(r.body()).contains(expected), Duration.ofSeconds(10)));
            assertEquals(duplicates + 1, registry.get("collector_pumpportal_duplicates_total").counter().count());
            assertEquals(0, created.collect(Duration.ofSeconds(2)).stream()
                    .filter(r -> new String(r.body()).contains(expected)).count(), "announced once");
        }
    }
}
