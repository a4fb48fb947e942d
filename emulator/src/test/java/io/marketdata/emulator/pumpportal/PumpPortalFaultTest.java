package io.marketdata.emulator.pumpportal;

import static io.marketdata.emulator.TestSupport.freeze;
import static io.marketdata.emulator.TestSupport.isValidJson;
import static io.marketdata.emulator.TestSupport.parse;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.admin;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.assertMigrationFrame;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.feedStats;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.migrate;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PumpPortal faults: dropped connections, malformed frames, silence; and the feed's counters. */
@QuarkusTest
class PumpPortalFaultTest {

    private static final Pattern BASE58 = Pattern.compile("^[1-9A-HJ-NP-Za-km-z]{32,44}$");

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    @AfterEach
    void clean() {
        given().delete("/_emulator/pumpportal/silence").then().statusCode(200);
        freeze();
    }

    @Test
    void dropClosesEveryConnection() throws InterruptedException {
        try (PumpPortalClient a = PumpPortalClient.subscribed(base, "subscribeMigration");
                PumpPortalClient b = PumpPortalClient.connect(base)) {
            b.request("{\"method\":\"subscribeNewToken\"}");
            JsonNode before = feedStats();
            assertTrue(before.get("connections").asInt() >= 2);
            assertTrue(before.get("subscriptions").get("migration").asInt() >= 1);
            assertTrue(before.get("subscriptions").get("new_token").asInt() >= 1);
            assertTrue(admin("POST", "/_emulator/pumpportal/drop").get("closed").asInt() >= 2);
            assertEquals(1001, a.awaitClose());
            assertEquals(1001, b.awaitClose());
        }
        for (int i = 0; i < 200 && feedStats().get("connections").asInt() > 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(0, feedStats().get("connections").asInt());
        // A client reconnects and resubscribes: the feed works again.
        try (PumpPortalClient c = PumpPortalClient.subscribed(base, "subscribeMigration")) {
            assertMigrationFrame(migrate(1).get(0), c.nextJson());
        }
    }

    @Test
    void theNextNFramesAreMalformedThenTheFeedIsValidAgain() {
        try (PumpPortalClient c = PumpPortalClient.subscribed(base, "subscribeMigration")) {
            long malformedBefore = feedStats().get("malformed_sent").asLong();
            assertEquals(4, admin("POST", "/_emulator/pumpportal/malformed?count=4").get("malformed_pending").asInt());
            JsonNode migrated = migrate(5);
            for (int i = 0; i < 4; i++) {
                String frame = c.next();
                assertFalse(isValidMigration(frame), "frame " + i + " should be malformed: " + frame);
            }
            assertMigrationFrame(migrated.get(4), parse(c.next()));
            JsonNode stats = feedStats();
            assertEquals(0, stats.get("malformed_pending").asInt());
            assertEquals(malformedBefore + 4, stats.get("malformed_sent").asLong());
        }
        assertEquals(400, given().post("/_emulator/pumpportal/malformed?count=0").statusCode());
    }

    /** What a client accepts: a JSON object with a base58 mint, a signature and txType migrate. */
    private static boolean isValidMigration(String text) {
        if (!isValidJson(text)) {
            return false;
        }
        JsonNode n = parse(text);
        return n.isObject() && "migrate".equals(n.path("txType").asText())
                && BASE58.matcher(n.path("mint").asText("")).matches() && !n.path("signature").asText("").isEmpty();
    }

    @Test
    void silenceSendsNothingAndSkipsWhatHappenedMeanwhile() {
        try (PumpPortalClient c = PumpPortalClient.subscribed(base, "subscribeMigration")) {
            long sentBefore = feedStats().get("frames_sent").asLong();
            assertTrue(admin("PUT", "/_emulator/pumpportal/silence").get("silent").asBoolean());
            assertTrue(feedStats().get("silent").asBoolean());
            JsonNode lost = migrate(2);
            assertFalse(admin("DELETE", "/_emulator/pumpportal/silence").get("silent").asBoolean());
            JsonNode after = migrate(1).get(0);
            JsonNode frame = c.nextJson();
            assertMigrationFrame(after, frame);
            for (JsonNode m : lost) {
                assertFalse(m.get("mint").asText().equals(frame.get("mint").asText()));
            }
            assertEquals(sentBefore + 1, feedStats().get("frames_sent").asLong());
            // The silenced migrations still happened: DexScreener knows them.
            String mint = lost.get(0).get("mint").asText();
            assertTrue(parse(given().get("/dexscreener/token-pairs/v1/solana/" + mint).asString()).size() >= 2);
        }
    }
}
