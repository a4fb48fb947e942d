package io.marketdata.emulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.math.BigDecimal;

/** Helpers shared by the REST tests: exact JSON parsing, the admin API, the clock. */
public final class TestSupport {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private TestSupport() {
    }

    public static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** GET that must answer {@code status}; returns the parsed body. */
    public static JsonNode get(String path, int status) {
        Response r = given().when().get(path);
        assertEquals(status, r.statusCode(), () -> path + " → " + r.asString());
        return parse(r.asString());
    }

    public static JsonNode get(String path) {
        return get(path, 200);
    }

    public static JsonNode adminBook(String venue, String symbol) {
        return get("/_emulator/book/" + venue + "/" + symbol);
    }

    public static JsonNode freeze() {
        Response r = given().post("/_emulator/clock/freeze");
        assertEquals(200, r.statusCode());
        JsonNode n = parse(r.asString());
        assertTrue(n.get("frozen").asBoolean());
        return n;
    }

    public static JsonNode resume() {
        Response r = given().post("/_emulator/clock/resume");
        assertEquals(200, r.statusCode());
        return parse(r.asString());
    }

    /** Exact decimal of a JSON string or number. */
    public static BigDecimal dec(JsonNode n) {
        if (n == null || n.isNull()) {
            fail("expected a decimal, got " + n);
        }
        return n.isTextual() ? new BigDecimal(n.asText()) : n.decimalValue();
    }

    public static void assertDec(BigDecimal expected, BigDecimal actual, String what) {
        assertEquals(0, expected.compareTo(actual), () -> what + ": expected " + expected + " but was " + actual);
    }

    public static void assertDec(JsonNode expected, JsonNode actual, String what) {
        assertDec(dec(expected), dec(actual), what);
    }

    /**
     * Native levels [[price, size], …] (strings or numbers), sizes multiplied by {@code contractSize},
     * must equal the first levels of the admin canonical side exactly.
     */
    public static void assertLevels(JsonNode nativeSide, JsonNode adminSide, BigDecimal contractSize, String what) {
        assertTrue(nativeSide.size() > 0, what + " is empty");
        assertTrue(adminSide.size() >= nativeSide.size(), what + ": admin has fewer levels");
        for (int k = 0; k < nativeSide.size(); k++) {
            JsonNode lvl = nativeSide.get(k);
            assertDec(dec(adminSide.get(k).get(0)), dec(lvl.get(0)), what + " price #" + k);
            assertDec(dec(adminSide.get(k).get(1)), dec(lvl.get(1)).multiply(contractSize), what + " size #" + k);
        }
    }

    /** Bids strictly descending, asks strictly ascending, not crossed. */
    public static void assertSortedBook(JsonNode bids, JsonNode asks, int priceIndex) {
        for (int k = 1; k < bids.size(); k++) {
            assertTrue(dec(bids.get(k - 1).get(priceIndex)).compareTo(dec(bids.get(k).get(priceIndex))) > 0,
                    "bids not strictly descending at " + k);
        }
        for (int k = 1; k < asks.size(); k++) {
            assertTrue(dec(asks.get(k - 1).get(priceIndex)).compareTo(dec(asks.get(k).get(priceIndex))) < 0,
                    "asks not strictly ascending at " + k);
        }
        assertTrue(dec(bids.get(0).get(priceIndex)).compareTo(dec(asks.get(0).get(priceIndex))) < 0, "crossed book");
    }

    public static boolean isValidJson(String body) {
        try {
            MAPPER.readTree(body);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
