package io.marketdata.gateway.markets;

import static io.marketdata.gateway.markets.MarketsFileTest.notArbGroups;
import static io.marketdata.gateway.markets.MarketsSelectionTest.addr;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.marketdata.contracts.Json;
import io.marketdata.gateway.config.GatewayConfig;
import io.marketdata.gateway.support.StubServices;
import io.marketdata.gateway.support.StubServices.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The markets file over HTTP, against stand-ins of lifecycle- and scoring-service. The file is cached
 * for 1 s, so a test that needs its own data waits until the file shows it (its mints are its own).
 */
@QuarkusTest
@QuarkusTestResource(StubServices.class)
class MarketsFileResourceTest {

    private static final String TOML_URL = "/config/dynamic_strategy.toml";
    private static final String JSON_URL = "/config/markets.json";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Inject
    Redis redis;
    @Inject
    GatewayConfig config;

    @BeforeEach
    void clean() {
        StubServices.reset();
    }

    @AfterEach
    void restart() {
        StubServices.startService("lifecycle");
        StubServices.startService("scoring");
    }

    // ---- seeding -------------------------------------------------------------------------------

    private static Map<String, Object> token(String mint, Double score, String status) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("mint", mint);
        t.put("name", "Token " + mint.substring(0, 6));
        t.put("symbol", mint.substring(0, 6));
        t.put("status", status);
        t.put("smoothed_score", score);
        t.put("score", score);
        return t;
    }

    private static Map<String, Object> pool(String address, double liquidity, boolean tradeable, boolean active) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("address", address);
        p.put("dex", tradeable ? "raydium" : "pumpfun");
        p.put("labels", List.of());
        p.put("liquidity_usd", liquidity);
        p.put("quote_symbol", "SOL");
        p.put("tradeable", tradeable);
        p.put("active", active);
        return p;
    }

    private static String json(Object value) {
        return new String(Json.toBytes(value));
    }

    private static void settings(double minScore, int topCount) {
        Map<String, Object> s = new HashMap<>(io.marketdata.contracts.settings.PipelineSettings.defaults().toMap());
        s.put("min_score_for_config", minScore);
        s.put("config_top_count", topCount);
        StubServices.on("scoring", "GET", "/api/settings",
                Reply.json(json(Map.of("version", 7, "settings", s, "updated_at", 1L))));
    }

    /** Answers only the query the gateway is meant to ask. */
    private static void tokens(List<Map<String, Object>> tokens) {
        String body = json(Map.of("status", "active", "sort", "score", "order", "desc", "limit", 200,
                "count", tokens.size(), "tokens", tokens));
        StubServices.on("lifecycle", "GET", "/api/tokens", request ->
                "active".equals(request.getParam("status")) && "score".equals(request.getParam("sort"))
                        && "desc".equals(request.getParam("order")) ? Reply.json(body)
                        : Reply.json(400, "{\"error\":\"unexpected query\",\"status\":400}"));
    }

    private static void pools(String mint, Map<String, Object>... pools) {
        StubServices.on("lifecycle", "GET", "/api/tokens/" + mint + "/pools",
                Reply.json(json(Map.of("mint", mint, "count", pools.length, "pools", List.of(pools)))));
    }

    private static String poolsPath(String mint) {
        return "/api/tokens/" + mint + "/pools";
    }

    /** Tokens A (0.95, several pools), F (0.9, only a bonding curve), B (0.8, one pool), C (0.79), D (no score). */
    private record World(String a, String f, String b, String c, String d, List<List<String>> expected) {
    }

    private static World seedWorld(String tag) {
        String a = addr("Mnt" + tag + "A");
        String f = addr("Mnt" + tag + "F");
        String b = addr("Mnt" + tag + "B");
        String c = addr("Mnt" + tag + "C");
        String d = addr("Mnt" + tag + "D");
        settings(0.8, 3);
        tokens(List.of(token(a, 0.95, "active"), token(f, 0.9, "active"), token(b, 0.8, "active"),
                token(c, 0.79, "active"), token(d, null, "active"), token(addr("Mnt" + tag + "M"), 0.99, "monitoring")));
        pools(a, pool(addr("Px" + tag + "Tiny"), 100, true, true), pool(addr("Px" + tag + "Curve"), 9_999, false, true),
                pool(addr("Px" + tag + "Big"), 5_000, true, true), pool(addr("Px" + tag + "Gone"), 8_000, true, false),
                pool("not-an-address", 7_000, true, true));
        pools(f, pool(addr("Px" + tag + "FCurve"), 50_000, false, true));
        pools(b, pool(addr("Px" + tag + "Buno"), 1_000, true, true));
        pools(c, pool(addr("Px" + tag + "C"), 1_000, true, true));
        return new World(a, f, b, c, d, List.of(
                List.of(addr("Px" + tag + "Big"), addr("Px" + tag + "Tiny")),
                List.of(addr("Px" + tag + "Buno"))));
    }

    private static Response getToml() {
        return given().get(TOML_URL);
    }

    private static List<List<String>> groupsOf(Response r) throws Exception {
        assertEquals(200, r.statusCode(), r.asString());
        return notArbGroups(r.asString());
    }

    private static List<List<String>> jsonGroups(Response r) throws Exception {
        assertEquals(200, r.statusCode(), r.asString());
        return Json.MAPPER.readValue(r.asByteArray(), new TypeReference<List<List<String>>>() { });
    }

    private void awaitFile(List<List<String>> expected) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertEquals(expected, groupsOf(getToml())));
    }

    // ---- tests ---------------------------------------------------------------------------------

    @Test
    void theTomlHasOneGroupPerSelectedTokenWithItsPoolsInOrder() throws Exception {
        World w = seedWorld("T");
        awaitFile(w.expected());

        Response r = given().accept("text/plain").get(TOML_URL);
        assertEquals(200, r.statusCode());
        assertEquals("application/toml; charset=utf-8", r.contentType());
        assertEquals("max-age=1", r.header("Cache-Control"));
        assertNotNull(r.header("ETag"));
        assertNotNull(r.header("Last-Modified"));
        assertNull(r.header("X-Degraded"));
        assertEquals("2", r.header("X-Markets-Groups"));
        assertEquals(w.expected(), notArbGroups(r.asString()));
        String text = r.asString();
        assertTrue(text.contains("# " + w.a().substring(0, 6) + " | mint " + w.a() + " | smoothed_score 0.9500"), text);
        assertTrue(text.contains("# " + w.b().substring(0, 6) + " | mint " + w.b() + " | smoothed_score 0.8000"), text);
        assertTrue(text.contains("# min_score_for_config = 0.8, config_top_count = 3, groups = 2"), text);

        // pools are asked for the top-3 candidates only (A, F, B), never for C below the minimum
        assertTrue(StubServices.calls("lifecycle", "GET", poolsPath(w.a())) >= 1);
        assertTrue(StubServices.calls("lifecycle", "GET", poolsPath(w.f())) >= 1);
        assertEquals(0, StubServices.calls("lifecycle", "GET", poolsPath(w.c())));
        assertEquals(0, StubServices.calls("lifecycle", "GET", poolsPath(w.d())));

        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("gateway_markets_file_groups 2.0"), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("gateway_markets_file_renders_total")), metrics);
        for (String reason : List.of("bonding_curve", "inactive", "invalid_address")) {
            assertTrue(metrics.contains("gateway_markets_pools_skipped_total{reason=\"" + reason + "\"}"), reason);
        }
    }

    @Test
    void theJsonFormIsTheSameGroupsAsA2dArray() throws Exception {
        World w = seedWorld("J");
        awaitFile(w.expected());
        Response r = given().get(JSON_URL);
        assertEquals("application/json", r.contentType());
        assertEquals(w.expected(), jsonGroups(r));
        assertEquals("max-age=1", r.header("Cache-Control"));
    }

    @Test
    void twoGetsWithinTheCachePeriodCostOneUpstreamCall() throws Exception {
        World w = seedWorld("K");
        awaitFile(w.expected());
        // let the rendering and the proxied answers expire, then ask three times at once
        await().pollDelay(Duration.ofMillis(1_300)).until(() -> true);
        int tokensBefore = StubServices.calls("lifecycle", "GET", "/api/tokens");
        int settingsBefore = StubServices.calls("scoring", "GET", "/api/settings");
        int poolsBefore = StubServices.calls("lifecycle", "GET", poolsPath(w.a()));

        // refresh-ahead: the first request past the period still gets the previous rendering at once
        // and starts the next one in the background; every request after it gets the new one
        String previous = getToml().asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> !getToml().asString().equals(previous));
        Response first = getToml();
        Response json = given().get(JSON_URL);
        Response second = getToml();

        assertEquals(1, StubServices.calls("lifecycle", "GET", "/api/tokens") - tokensBefore);
        assertEquals(1, StubServices.calls("scoring", "GET", "/api/settings") - settingsBefore);
        assertEquals(1, StubServices.calls("lifecycle", "GET", poolsPath(w.a())) - poolsBefore);
        assertEquals(first.asString(), second.asString()); // the same rendering, generation time included
        assertEquals(w.expected(), jsonGroups(json));
        assertEquals(first.header("ETag"), json.header("ETag"));

        // a client that has this version gets a 304
        given().header("If-None-Match", first.header("ETag")).get(TOML_URL).then().statusCode(304)
                .header("ETag", first.header("ETag"));
    }

    @Test
    void nothingQualifyingIsAnEmptyValidFile() throws Exception {
        settings(0.7, 3);
        String low = addr("MntLow");
        tokens(List.of(token(low, 0.5, "active")));
        pools(low, pool(addr("PxLow"), 1_000, true, true));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertEquals("0", getToml().header("X-Markets-Groups")));
        Response r = getToml();
        assertEquals(List.of(), groupsOf(r));
        assertTrue(r.asString().lines().allMatch(l -> l.startsWith("#")), r.asString());
        assertEquals(List.of(), jsonGroups(given().get(JSON_URL)));
        assertEquals(0, StubServices.calls("lifecycle", "GET", poolsPath(low)));
    }

    @Test
    void lifecycleDownServesTheLastGoodFileMarkedDegraded() throws Exception {
        World w = seedWorld("D");
        awaitFile(w.expected()); // also stores the last good answers
        StubServices.stopService("lifecycle");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Response r = getToml();
            assertEquals(200, r.statusCode(), r.asString());
            assertEquals("true", r.header("X-Degraded"));
        });
        Response r = getToml();
        assertEquals(w.expected(), groupsOf(r));
        assertTrue(r.asString().contains("# degraded: lifecycle-service"), r.asString());
        Response json = given().get(JSON_URL);
        assertEquals("true", json.header("X-Degraded"));
        assertEquals(w.expected(), jsonGroups(json));

        StubServices.startService("lifecycle");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertNull(getToml().header("X-Degraded")));
    }

    @Test
    void lifecycleDownWithoutALastGoodAnswerIs503Json() {
        seedWorld("U");
        StubServices.stopService("lifecycle");
        awaitUnavailable("lifecycle-service", MarketsFileService.TOKENS_PATH, "lifecycle");
        StubServices.startService("lifecycle");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertEquals(200, getToml().statusCode()));
    }

    @Test
    void scoringDownWithoutALastGoodAnswerIs503Json() {
        seedWorld("S");
        StubServices.stopService("scoring");
        awaitUnavailable("scoring-service", MarketsFileService.SETTINGS_PATH, "scoring");
        StubServices.startService("scoring");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertEquals(200, getToml().statusCode()));
    }

    /** Forgets the last good answer before each try (a store may still be in flight), until a 503; never a 500. */
    private void awaitUnavailable(String service, String path, String keyService) {
        String key = config.redis().prefix() + ":last-good:" + keyService + ":" + path;
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            redis.send(Request.cmd(Command.DEL).arg(key)).await().atMost(Duration.ofSeconds(2));
            Response r = given().header("X-Request-Id", "markets-503").get(TOML_URL);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 503, "never a " + r.statusCode() + ": " + r.asString());
            assertEquals(503, r.statusCode());
            assertEquals("application/json", r.contentType());
            assertEquals("service_unavailable", r.path("error"));
            assertEquals(Integer.valueOf(503), r.path("status"));
            assertEquals("markets-503", r.path("request_id"));
            assertTrue(r.<String>path("message").contains(service), r.asString());
        });
        given().get(JSON_URL).then().statusCode(503);
    }
}
