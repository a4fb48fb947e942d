package io.marketdata.emulator.pumpportal;

import static io.marketdata.emulator.TestSupport.freeze;
import static io.marketdata.emulator.TestSupport.get;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.assertMigrationFrame;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.assertValidMint;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.feedStats;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.fieldNames;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.migrate;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.seed;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.stepMs;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.emulator.tokens.NewToken;
import io.marketdata.emulator.tokens.TokenFactory;
import io.marketdata.emulator.tokens.TokenSpec;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PumpPortal data feed: subscription acks, migration and create frames, the clock. */
@QuarkusTest
class PumpPortalTest {

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    @AfterEach
    void frozen() {
        freeze();
    }

    @Test
    void subscriptionIsAcknowledgedThenMigrationsArriveInTheRealShape() {
        try (PumpPortalClient c = PumpPortalClient.connect(base)) {
            JsonNode ack = c.request("{\"method\":\"subscribeMigration\"}");
            assertEquals(List.of("message"), fieldNames(ack), "an ack carries only message");
            assertEquals("Subscribed to 'migration' events.", ack.get("message").asText());
            JsonNode migrated = migrate(2);
            assertEquals(2, migrated.size());
            for (JsonNode m : migrated) {
                assertMigrationFrame(m, c.nextJson());
            }
        }
    }

    @Test
    void migrationsAreAPureFunctionOfSeedAndIndex() {
        TokenFactory factory = new TokenFactory(seed());
        try (PumpPortalClient c = PumpPortalClient.subscribed(base, "subscribeMigration")) {
            for (JsonNode m : migrate(3)) {
                TokenSpec expected = factory.spec(m.get("index").asLong());
                JsonNode frame = c.nextJson();
                assertEquals(expected.mint(), frame.get("mint").asText());
                assertEquals(expected.signature(), frame.get("signature").asText());
                assertEquals(expected.name(), m.get("name").asText());
                assertEquals(expected.symbol(), m.get("symbol").asText());
                assertEquals(expected.migrationPool(), frame.get("pool").asText());
            }
        }
    }

    @Test
    void aFrozenClockMigratesNothingAndAStepMigratesTheSteppedTime() throws InterruptedException {
        JsonNode stats = feedStats();
        long before = stats.get("migrations").asLong();
        long interval = stats.get("migration_interval_ms").asLong();
        Thread.sleep(300); // several ticks of the 100 ms test clock, were it running
        assertEquals(before, feedStats().get("migrations").asLong(), "frozen: no new migrations");

        TokenFactory factory = new TokenFactory(seed());
        try (PumpPortalClient c = PumpPortalClient.subscribed(base, "subscribeMigration")) {
            stepMs(3 * interval);
            for (long i = before; i < before + 3; i++) {
                JsonNode frame = c.nextJson();
                assertEquals(factory.spec(i).mint(), frame.get("mint").asText(), "scheduled migration #" + i);
                assertValidMint(frame.get("mint").asText());
            }
            JsonNode extra = migrate(1).get(0);
            assertEquals(before + 3, extra.get("index").asLong());
            assertMigrationFrame(extra, c.nextJson()); // nothing else came in between
            assertEquals(before + 4, feedStats().get("migrations").asLong());
        }
    }

    @Test
    void newTokenSubscribersGetCreateFrames() {
        try (PumpPortalClient c = PumpPortalClient.connect(base)) {
            assertEquals("Successfully subscribed to token creation events.",
                    c.request("{\"method\":\"subscribeNewToken\"}").get("message").asText());
            long interval = feedStats().get("create_interval_ms").asLong();
            stepMs(2 * interval);
            TokenFactory factory = new TokenFactory(seed());
            for (int k = 0; k < 2; k++) {
                JsonNode frame = c.nextJson();
                assertEquals(List.of("signature", "mint", "traderPublicKey", "txType", "initialBuy", "solAmount",
                        "bondingCurveKey", "vTokensInBondingCurve", "vSolInBondingCurve", "marketCapSol", "name",
                        "symbol", "uri", "is_mayhem_mode", "pool"), fieldNames(frame));
                assertEquals("create", frame.get("txType").asText());
                assertEquals("pump", frame.get("pool").asText());
                assertValidMint(frame.get("mint").asText());
                assertTrue(frame.get("vSolInBondingCurve").isNumber() && frame.get("marketCapSol").isNumber());
                assertTrue(frame.get("uri").asText().startsWith("https://ipfs.io/ipfs/"));
                NewToken created = findCreated(factory, frame.get("mint").asText(), interval);
                assertEquals(created.name(), frame.get("name").asText());
            }
            assertEquals("Unsubscribed from token creation events.",
                    c.request("{\"method\":\"unsubscribeNewToken\"}").get("message").asText());
        }
    }

    /** The created token with this mint among the latest creation slots. */
    private static NewToken findCreated(TokenFactory factory, String mint, long intervalMs) {
        JsonNode clock = get("/_emulator/clock");
        long slot = clock.get("tick").asLong() * clock.get("tick_ms").asLong() / intervalMs;
        for (long s = slot; s > slot - 10; s--) {
            if (factory.created(s).mint().equals(mint)) {
                return factory.created(s);
            }
        }
        throw new AssertionError("create frame " + mint + " is not a recent creation slot");
    }

    @Test
    void otherRequestsAreAnsweredAndTheConnectionStaysUsable() {
        try (PumpPortalClient c = PumpPortalClient.connect(base)) {
            assertEquals("Successfully subscribed to keys.",
                    c.request("{\"method\":\"subscribeTokenTrade\",\"keys\":[\"x\"]}").get("message").asText());
            assertTrue(c.request("{\"method\":\"explode\"}").get("message").asText().contains("unknown method"));
            assertTrue(c.request("not json").get("message").asText().startsWith("Invalid message"));
            c.request("{\"method\":\"subscribeMigration\"}");
            assertEquals("Unsubscribed from 'migration' events.",
                    c.request("{\"method\":\"unsubscribeMigration\"}").get("message").asText());
            c.request("{\"method\":\"subscribeMigration\"}");
            assertMigrationFrame(migrate(1).get(0), c.nextJson());
        }
        assertEquals(400, given().post("/_emulator/pumpportal/migrate?count=0").statusCode());
        assertEquals(400, given().post("/_emulator/pumpportal/migrate?count=x").statusCode());
    }
}
