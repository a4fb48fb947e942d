package io.marketdata.emulator.pumpportal;

import static io.marketdata.emulator.TestSupport.get;
import static io.marketdata.emulator.TestSupport.parse;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.emulator.tokens.Base58;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;

/** Helpers of the PumpPortal and DexScreener tests: admin calls, the clock, frame checks. */
public final class PumpPortalTestSupport {

    private PumpPortalTestSupport() {
    }

    public static JsonNode admin(String method, String path) {
        Response r = given().request(method, path);
        assertEquals(200, r.statusCode(), () -> method + " " + path + " → " + r.asString());
        return parse(r.asString());
    }

    /** Migrates {@code count} tokens now; returns the "migrated" array. */
    public static JsonNode migrate(int count) {
        return admin("POST", "/_emulator/pumpportal/migrate?count=" + count).get("migrated");
    }

    public static JsonNode feedStats() {
        return get("/_emulator/pumpportal");
    }

    /** Steps the frozen clock by {@code ms} of market time. */
    public static void stepMs(long ms) {
        long tickMs = get("/_emulator/clock").get("tick_ms").asLong();
        admin("POST", "/_emulator/clock/step?ticks=" + (ms / tickMs));
    }

    public static long seed() {
        return get("/_emulator/clock").get("seed").asLong();
    }

    public static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** A migration frame in PumpPortal's real minimal shape, for the migration {@code expected} describes. */
    public static void assertMigrationFrame(JsonNode expected, JsonNode frame) {
        assertEquals(List.of("signature", "mint", "txType", "pool"), fieldNames(frame), frame::toString);
        assertEquals(expected.get("mint").asText(), frame.get("mint").asText());
        assertEquals(expected.get("signature").asText(), frame.get("signature").asText());
        assertEquals("migrate", frame.get("txType").asText());
        assertEquals(expected.get("pool").asText(), frame.get("pool").asText());
        assertValidMint(frame.get("mint").asText());
        assertEquals(88, frame.get("signature").asText().length());
        assertEquals(64, Base58.decode(frame.get("signature").asText()).length);
    }

    public static void assertValidMint(String mint) {
        assertEquals(44, mint.length(), mint);
        assertTrue(mint.endsWith("pump"), mint);
        assertEquals(32, Base58.decode(mint).length, mint);
    }
}
