package io.marketdata.lifecycle;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.token.PoolMetrics;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.lifecycle.consume.TokenEventsConsumer;
import io.marketdata.lifecycle.settings.LifecycleSettings;
import io.marketdata.lifecycle.support.BusTest;
import io.marketdata.lifecycle.support.FreshTestQueue;
import io.marketdata.lifecycle.support.Mints;
import io.marketdata.lifecycle.support.Msg;
import io.marketdata.lifecycle.support.Scenario;
import io.marketdata.lifecycle.support.TestClock;
import io.marketdata.lifecycle.support.TestDb;
import io.marketdata.lifecycle.support.TestSettings;
import io.marketdata.lifecycle.support.StoredTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API over tokens built through the bus. */
@QuarkusTest
@QuarkusTestResource(value = FreshTestQueue.class, restrictToAnnotatedClass = false)
class TokenApiTest extends BusTest {

    /** m1: active, score 0.9; m2: active, 0.7; m3: monitoring, 0.8. */
    static String m1;
    static String m2;
    static String m3;
    static PoolMetrics small;
    static PoolMetrics large;
    static PoolMetrics curve;

    @Inject
    StoredTokens queries;
    @Inject
    TestClock clock;
    @Inject
    LifecycleSettings settings;
    @Inject
    TokenEventsConsumer consumer;

    @BeforeAll
    static void cleanTable() {
        // this service's own schema in the test database: start the listings from a clean table
        TestDb.execute("TRUNCATE lifecycle.tokens CASCADE");
    }

    @BeforeEach
    void tokens() throws Exception {
        if (m1 != null) {
            return;
        }
        TestSettings.defaults(settings.follower());
        m1 = Scenario.create(bus, clock, queries);
        clock.advance(Duration.ofSeconds(1)); // distinct created_at
        m2 = Scenario.create(bus, clock, queries);
        clock.advance(Duration.ofSeconds(1));
        m3 = Scenario.create(bus, clock, queries);
        clock.advance(Duration.ofSeconds(1));
        small = Msg.tradeable(1_000);
        large = Msg.tradeable(2_000);
        curve = Msg.bondingCurve(5_000);
        applied(m1, Msg.metrics(m1, 400, small, large, curve));
        applied(m2, Msg.metrics(m2, 400, Msg.tradeable(700)));
        applied(m3, Msg.metrics(m3, 10, Msg.tradeable(700)));
        long at = clock.millis();
        score(m1, 0.9, at);
        score(m2, 0.7, at);
        score(m3, 0.8, at);
    }

    private void applied(String mint, TokenMetrics m) {
        bus.publish(RoutingKeys.TOKEN_METRICS, m);
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.find(mint).map(t -> t.metricsAt() != null
                && t.metricsAt() == m.fetchedAt()).orElse(false));
    }

    private void score(String mint, double smoothed, long at) {
        bus.publish(RoutingKeys.SCORE_UPDATED, Msg.score(mint, smoothed, at));
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.find(mint).map(t -> t.scoredAt() != null
                && t.scoredAt() == at).orElse(false));
    }

    private static List<String> mine(JsonPath body) {
        List<String> mints = body.getList("tokens.mint");
        return mints.stream().filter(m -> m.equals(m1) || m.equals(m2) || m.equals(m3)).toList();
    }

    private static JsonPath list(String query) {
        return given().when().get("/api/tokens" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void listsBySmoothedScoreHighestFirstByDefault() {
        JsonPath body = list("?limit=1000");
        assertEquals(List.of(m1, m3, m2), mine(body));
        assertEquals("score", body.getString("sort"));
        assertEquals("desc", body.getString("order"));
        assertEquals(1000, body.getInt("limit"));
        assertEquals(body.getList("tokens").size(), body.getInt("count"));
    }

    @Test
    void filtersByStatusAndSorts() {
        JsonPath active = list("?status=active&limit=1000");
        assertTrue(active.getList("tokens.status", String.class).stream().allMatch("active"::equals));
        assertEquals(List.of(m1, m2), mine(active));
        assertEquals(List.of(m2, m1), mine(list("?status=active&sort=score&order=asc&limit=1000")));
        assertEquals(List.of(m3), mine(list("?status=monitoring&limit=1000")));
        assertEquals(List.of(), mine(list("?status=archived&limit=1000")));
        assertEquals(List.of(m1, m2, m3), mine(list("?sort=created&order=asc&limit=1000")));
        assertEquals(List.of(m3, m2, m1), mine(list("?sort=created&order=desc&limit=1000")));
        assertEquals(3, mine(list("?sort=updated&limit=1000")).size());
        assertEquals(2, list("?limit=2").getInt("count"));
        assertEquals(m1, list("?limit=1").getString("tokens[0].mint"), "the best score leads; nulls come last");
    }

    @Test
    void rejectsBadQueryParametersNamingTheField() {
        Map<String, String> bad = Map.of("status=initial", "status", "sort=name", "sort", "order=up", "order", "limit=0",
                "limit", "limit=1001", "limit", "limit=ten", "limit");
        bad.forEach((query, field) -> given().when().get("/api/tokens?" + query).then().statusCode(400)
                .body("field", equalTo(field)).body("error", containsString(field)).body("status", equalTo(400)));
    }

    @Test
    void showsOneToken() {
        given().when().get("/api/tokens/" + m1).then().statusCode(200)
                .body("mint", equalTo(m1))
                .body("status", equalTo("active"))
                .body("smoothed_score", equalTo(0.9f))
                .body("score", equalTo(0.9f))
                .body("score_model", equalTo("hybrid_momentum"))
                .body("h1_tx_count", equalTo(400))
                .body("liquidity_usd", equalTo(3000.0f))
                .body("pool_count", equalTo(3))
                .body("active_pool_count", equalTo(3))
                .body("venue", equalTo("pump-amm"));
        JsonPath t = given().when().get("/api/tokens/" + m1).then().extract().jsonPath();
        assertTrue(t.getLong("status_since") >= t.getLong("created_at"));
        assertEquals(t.getLong("status_since"), t.getLong("activated_at"));
        assertTrue(t.getLong("scored_at") > 1_000_000_000_000L);
    }

    @Test
    void listsPoolsTradeableFirstByLiquidity() {
        JsonPath pools = given().when().get("/api/tokens/" + m1 + "/pools").then().statusCode(200).extract().jsonPath();
        assertEquals(m1, pools.getString("mint"));
        assertEquals(List.of(large.address(), small.address(), curve.address()), pools.getList("pools.address"));
        assertEquals(List.of(true, true, false), pools.getList("pools.tradeable"));
        assertEquals(List.of("bonding-curve"), pools.getList("pools[2].labels"));
        assertEquals("raydium", pools.getString("pools[0].dex"));
        assertTrue(pools.getBoolean("pools[0].active"));
        assertTrue(pools.getLong("pools[0].first_seen") > 0);
    }

    @Test
    void showsTheHistoryNewestFirst() {
        JsonPath history = given().when().get("/api/tokens/" + m1 + "/history").then().statusCode(200).extract().jsonPath();
        assertEquals(2, history.getInt("count"));
        assertEquals(List.of("active", "monitoring"), history.getList("history.new_status"));
        assertEquals(List.of("activation", "migrated"), history.getList("history.reason"));
        assertEquals("monitoring", history.getString("history[0].old_status"));
        assertEquals(null, history.getString("history[1].old_status"));
        assertTrue(history.getLong("history[0].changed_at") >= history.getLong("history[1].changed_at"));
    }

    @Test
    void unknownTokensAre404AndMalformedMints400() {
        String unknown = Mints.random();
        for (String path : List.of("", "/pools", "/history")) {
            given().when().get("/api/tokens/" + unknown + path).then().statusCode(404)
                    .body("field", equalTo("mint")).body("error", containsString(unknown));
            given().when().get("/api/tokens/not-a-mint0OIl" + path).then().statusCode(400).body("field", equalTo("mint"));
        }
    }

    @Test
    void countsTokensPerStatus() {
        JsonPath stats = given().when().get("/api/tokens/stats").then().statusCode(200).extract().jsonPath();
        long monitoring = stats.getLong("monitoring");
        long active = stats.getLong("active");
        long archived = stats.getLong("archived");
        assertTrue(active >= 2 && monitoring >= 1, stats.prettify());
        assertEquals(monitoring + active + archived, stats.getLong("total"));
    }

    @Test
    void exposesMetricsAndReadiness() {
        await().atMost(Duration.ofSeconds(20)).until(consumer::consuming);
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("token-events-consumer"))
                .body("checks.name", hasItem("Database connections health check"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("lifecycle_transitions_total{from=\"monitoring\",reason=\"activation\",to=\"active\"}"))
                .body(containsString("lifecycle_tokens{status=\"active\"}"))
                .body(containsString("lifecycle_messages_handled_total"))
                .body(containsString("lifecycle_messages_dead_lettered_total"))
                .body(containsString("lifecycle_messages_retried_total"))
                .body(containsString("lifecycle_outbox_pending"))
                .body(containsString("lifecycle_outbox_published_total")));
        given().when().get("/q/health/well").then().statusCode(200).body("checks.name", hasItem("lifecycle-background"));
    }
}
