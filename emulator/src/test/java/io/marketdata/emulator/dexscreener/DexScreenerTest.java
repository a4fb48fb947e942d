package io.marketdata.emulator.dexscreener;

import static io.marketdata.emulator.TestSupport.freeze;
import static io.marketdata.emulator.TestSupport.get;
import static io.marketdata.emulator.TestSupport.isValidJson;
import static io.marketdata.emulator.TestSupport.parse;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.admin;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.feedStats;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.fieldNames;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.migrate;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.seed;
import static io.marketdata.emulator.pumpportal.PumpPortalTestSupport.stepMs;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.emulator.tokens.Base58;
import io.marketdata.emulator.tokens.Fate;
import io.marketdata.emulator.tokens.TokenFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DexScreener's token endpoints over the emulated migrations: shapes, limits, activity, faults, stats. */
@QuarkusTest
class DexScreenerTest {

    static final String PAIRS = "/dexscreener/token-pairs/v1/solana/";
    static final String TOKENS = "/dexscreener/tokens/v1/solana/";
    static final String[] WINDOWS = {"m5", "h1", "h6", "h24"};
    static final Set<String> BONDING = Set.of("pumpfun", "launchlab");
    static final Set<String> TRADEABLE = Set.of("pumpswap", "raydium", "meteora");

    @BeforeEach
    void setUp() {
        freeze();
        given().delete("/_emulator/faults").then().statusCode(200);
    }

    @AfterEach
    void lift() {
        given().delete("/_emulator/faults").then().statusCode(200);
        freeze();
    }

    static List<String> mints(JsonNode migrated) {
        List<String> out = new ArrayList<>();
        migrated.forEach(m -> out.add(m.get("mint").asText()));
        return out;
    }

    static BigDecimal dec(JsonNode n) {
        assertTrue(n != null && (n.isNumber() || n.isTextual()), "expected a number, got " + n);
        return n.isTextual() ? new BigDecimal(n.asText()) : n.decimalValue();
    }

    /** The pair shape of EXTERNAL-APIS.md, with nested windows that never shrink. */
    static void assertPair(JsonNode p, JsonNode token) {
        List<String> names = fieldNames(p);
        assertEquals(List.of("chainId", "dexId", "url", "pairAddress"), names.subList(0, 4), p::toString);
        assertTrue(names.containsAll(List.of("baseToken", "quoteToken", "priceNative", "priceUsd", "txns", "volume",
                "priceChange", "fdv", "marketCap", "pairCreatedAt")), p::toString);
        assertEquals("solana", p.get("chainId").asText());
        assertEquals(32, Base58.decode(p.get("pairAddress").asText()).length);
        assertEquals(token.get("mint").asText(), p.get("baseToken").get("address").asText());
        assertEquals(token.get("name").asText(), p.get("baseToken").get("name").asText());
        assertEquals(token.get("symbol").asText(), p.get("baseToken").get("symbol").asText());
        assertEquals(PairWriter.SOL_MINT, p.get("quoteToken").get("address").asText());
        assertEquals("SOL", p.get("quoteToken").get("symbol").asText());
        assertTrue(p.get("priceNative").isTextual() && p.get("priceUsd").isTextual());
        assertTrue(dec(p.get("priceNative")).signum() > 0 && dec(p.get("priceUsd")).signum() > 0);
        assertTrue(p.get("fdv").isNumber() && p.get("marketCap").isNumber());
        assertTrue(p.get("pairCreatedAt").isIntegralNumber());
        if (p.has("labels")) {
            assertTrue(p.get("labels").isArray() && p.get("labels").size() > 0);
        }
        if (p.has("liquidity")) {
            JsonNode l = p.get("liquidity");
            assertEquals(List.of("usd", "base", "quote"), fieldNames(l));
            assertTrue(dec(l.get("usd")).signum() > 0);
        }
        long prevBuys = 0;
        long prevSells = 0;
        BigDecimal prevVolume = BigDecimal.ZERO;
        for (String w : WINDOWS) {
            JsonNode t = p.get("txns").get(w);
            assertTrue(t.get("buys").isIntegralNumber() && t.get("sells").isIntegralNumber());
            long buys = t.get("buys").asLong();
            long sells = t.get("sells").asLong();
            BigDecimal volume = dec(p.get("volume").get(w));
            assertTrue(buys >= prevBuys && sells >= prevSells && volume.compareTo(prevVolume) >= 0,
                    "windows must be nested at " + w + ": " + p);
            if (p.get("priceChange").has(w)) {
                assertTrue(p.get("priceChange").get(w).isNumber());
            } else {
                assertEquals(0, buys + sells, "priceChange is only left out for windows without trades");
            }
            prevBuys = buys;
            prevSells = sells;
            prevVolume = volume;
        }
        assertEquals(List.of("h24", "h6", "h1", "m5"), fieldNames(p.get("volume")), "DexScreener's volume order");
    }

    @Test
    void tokenPairsListsTheBondingCurveAndTheTradeablePools() {
        JsonNode migrated = migrate(6);
        stepMs(10 * 60_000);
        for (JsonNode token : migrated) {
            JsonNode pairs = get(PAIRS + token.get("mint").asText());
            assertTrue(pairs.isArray() && pairs.size() >= 2 && pairs.size() <= 3, pairs::toString);
            int bonding = 0;
            int tradeable = 0;
            for (JsonNode p : pairs) {
                assertPair(p, token);
                String dex = p.get("dexId").asText();
                if (BONDING.contains(dex)) {
                    bonding++;
                } else {
                    assertTrue(TRADEABLE.contains(dex), dex);
                    tradeable++;
                }
            }
            assertEquals(1, bonding, "one bonding-curve pool");
            assertTrue(tradeable >= 1 && tradeable <= 2);
        }
    }

    @Test
    void tokensBatchesUpToThirtyMintsAndSkipsUnknownOnes() {
        List<String> mints = mints(migrate(3));
        int expected = 0;
        for (String m : mints) {
            expected += get(PAIRS + m).size();
        }
        String unknown = new TokenFactory(seed() + 1).spec(0).mint();
        JsonNode batch = get(TOKENS + String.join(",", mints) + "," + unknown);
        assertEquals(expected, batch.size());
        assertEquals(mints.get(0), batch.get(0).get("baseToken").get("address").asText(), "in request order");
        assertEquals(0, get(PAIRS + unknown).size(), "unknown mint: []");
        assertEquals(0, get("/dexscreener/token-pairs/v1/ethereum/" + mints.get(0)).size(), "only Solana is modelled");

        List<String> thirty = new ArrayList<>(mints);
        TokenFactory other = new TokenFactory(seed() + 1);
        for (int i = 0; thirty.size() < 30; i++) {
            thirty.add(other.spec(i).mint());
        }
        assertEquals(expected, get(TOKENS + String.join(",", thirty)).size());
        thirty.add(other.spec(100).mint());
        Response tooMany = given().get(TOKENS + String.join(",", thirty));
        assertEquals(400, tooMany.statusCode(), "31 addresses");
        assertTrue(isValidJson(tooMany.asString()));
    }

    @Test
    void activityFollowsTheClockAndPricesTheMarketsSol() {
        JsonNode token = migrate(1).get(0);
        String mint = token.get("mint").asText();
        JsonNode atMigration = mainPool(get(PAIRS + mint));
        assertEquals(0, atMigration.get("txns").get("h24").get("buys").asLong()
                + atMigration.get("txns").get("h24").get("sells").asLong(), "a new pool has no trades yet");
        assertEquals(get(PAIRS + mint).toString(), get(PAIRS + mint).toString(), "frozen clock, frozen pools");

        stepMs(5 * 60_000);
        JsonNode later = mainPool(get(PAIRS + mint));
        JsonNode m5 = later.get("txns").get("m5");
        long trades = m5.get("buys").asLong() + m5.get("sells").asLong();
        assertTrue(trades > 0, "five minutes after the migration the main pool trades: " + later);
        JsonNode admin = get("/_emulator/tokens?mint=" + mint);
        BigDecimal sol = dec(admin.get("sol_usd"));
        BigDecimal implied = dec(later.get("priceUsd"))
                .divide(dec(later.get("priceNative")), 6, RoundingMode.HALF_EVEN);
        assertTrue(implied.subtract(sol).abs().compareTo(sol.multiply(new BigDecimal("0.002"))) < 0,
                "priceUsd = priceNative × the market model's SOL price: " + implied + " vs " + sol);
        assertEquals(300, admin.get("tokens").get(0).get("age_seconds").asInt());
    }

    /** The pool the migration created: pairs are listed bonding curve, main pool, then a later pool. */
    private static JsonNode mainPool(JsonNode pairs) {
        for (JsonNode p : pairs) {
            if (!BONDING.contains(p.get("dexId").asText())) {
                return p;
            }
        }
        throw new AssertionError("no tradeable pool in " + pairs);
    }

    @Test
    void aRocketCrossesTheActivationThresholdsWithinMinutes() {
        long next = feedStats().get("migrations").asLong();
        TokenFactory factory = new TokenFactory(seed());
        int count = 1;
        while (factory.spec(next + count - 1).fate() != Fate.ROCKET) {
            count++;
        }
        JsonNode migrated = migrate(count);
        String mint = migrated.get(count - 1).get("mint").asText();
        JsonNode newest = get("/_emulator/tokens?limit=2");
        assertEquals(mint, newest.get("tokens").get(0).get("mint").asText(), "newest first");
        assertEquals(2, newest.get("tokens").size());
        stepMs(10 * 60_000);
        JsonNode token = get("/_emulator/tokens?mint=" + mint).get("tokens").get(0);
        assertEquals("rocket", token.get("fate").asText());
        JsonNode activity = token.get("activity");
        assertTrue(activity.get("tradeable_txns_h1").asLong() >= 300, activity::toString);
        assertTrue(activity.get("txns_m5").asLong() <= activity.get("txns_h1").asLong());
    }

    @Test
    void requestsAreCountedPerEndpointNotPerMint() {
        List<String> mints = mints(migrate(2));
        given().post("/_emulator/stats/reset").then().statusCode(200);
        get(PAIRS + mints.get(0));
        get(PAIRS + mints.get(1));
        get(TOKENS + String.join(",", mints));
        JsonNode dex = get("/_emulator/stats").get("venues").get("dexscreener");
        assertEquals(3, dex.get("total").asLong());
        assertEquals(2, dex.get("paths").get("/token-pairs/v1/solana/{tokenAddress}").asLong());
        assertEquals(1, dex.get("paths").get("/tokens/v1/solana/{tokenAddresses}").asLong());
        assertEquals(3, dex.get("statuses").get("200").asLong());
    }

    @Test
    void faultsApplyToDexScreenerOnly() {
        String mint = mints(migrate(1)).get(0);
        admin429();
        Response limited = given().get(PAIRS + mint);
        assertEquals(429, limited.statusCode());
        assertEquals("4", limited.header("Retry-After"));
        assertTrue(isValidJson(limited.asString()));
        assertEquals(200, given().get("/bybit/v5/market/tickers?category=linear&symbol=BTCUSDT").statusCode());

        putFault("{\"mode\":\"http500\"}");
        assertEquals(500, given().get(TOKENS + mint).statusCode());

        putFault("{\"mode\":\"malformed\"}");
        Response bad = given().get(PAIRS + mint);
        assertEquals(200, bad.statusCode());
        assertFalse(isValidJson(bad.asString()), bad.asString());

        given().delete("/_emulator/faults/dexscreener").then().statusCode(200);
        assertTrue(isValidJson(given().get(PAIRS + mint).asString()));
        assertNotEquals(0, get(PAIRS + mint).size());
    }

    private static void admin429() {
        putFault("{\"mode\":\"http429\",\"retry_after_seconds\":4}");
        JsonNode faults = get("/_emulator/faults");
        assertEquals("dexscreener", faults.get(0).get("venue").asText());
    }

    private static void putFault(String body) {
        Response r = given().contentType("application/json").body(body).put("/_emulator/faults/dexscreener");
        assertEquals(200, r.statusCode(), r::asString);
    }

    @Test
    void theTokensAdminListsFatesAndPools() {
        JsonNode migrated = migrate(3);
        JsonNode list = admin("GET", "/_emulator/tokens?limit=3");
        assertEquals(3, list.get("tokens").size());
        for (int i = 0; i < 3; i++) {
            JsonNode t = list.get("tokens").get(i);
            assertEquals(migrated.get(2 - i).get("mint").asText(), t.get("mint").asText());
            assertTrue(Set.of("rocket", "runner", "climber", "dud").contains(t.get("fate").asText()));
            assertTrue(t.get("pairs").size() >= 2);
            assertTrue(t.get("activity").has("tradeable_liquidity_usd"));
        }
        assertEquals(400, given().get("/_emulator/tokens?limit=0").statusCode());
        assertEquals(0, get("/_emulator/tokens?mint=nope").get("tokens").size());
    }
}
