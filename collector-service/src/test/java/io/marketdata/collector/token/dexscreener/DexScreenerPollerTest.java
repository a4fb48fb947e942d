package io.marketdata.collector.token.dexscreener;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.GetResponse;
import io.marketdata.collector.support.CollectorTestResource;
import io.marketdata.collector.support.Emulator;
import io.marketdata.collector.support.TestBus;
import io.marketdata.collector.support.TestInfra;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.messaging.settings.SettingsFollower;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.contracts.token.TokenRefreshRequested;
import io.marketdata.contracts.token.TokenStatusChanged;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DexScreener poller against the emulator's DexScreener, over the real broker and database:
 * tracked from the bus, batched, hot/cold cadence, cache, faults, dead letters, raw responses.
 *
 * <p>Input events go through a private direct exchange bound to the collector's own test queue (one
 * test also uses {@code token_events} itself, to prove the bindings), so other services' test queues
 * in the shared vhost never see the malformed ones. Per-mint fetch counts come from the raw response
 * table, which records the mints of every request; other tokens in the queue cannot disturb them.
 */
@QuarkusTest
@QuarkusTestResource(value = CollectorTestResource.class, restrictToAnnotatedClass = false)
class DexScreenerPollerTest {

    private static final String QUEUE = "collector.token_events.test";
    private static final String INJECT_EXCHANGE = "collector.tests.token_events";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Offered versions jump this far ahead of the current one, so that settings other services' tests
     * publish on the shared vhost meanwhile (small increments) do not replace them during a test.
     */
    private static final long VERSION_JUMP = 1_000_000_000L;

    @Inject
    DexScreenerPoller poller;
    @Inject
    CollectorPipelineSettings pipeline;
    @Inject
    MeterRegistry registry;

    private TestBus bus;
    private TestBus.Subscription metrics;
    private final List<String> mine = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        await().atMost(WAIT).until(poller::consuming);
        bus = new TestBus();
        bus.channel().exchangeDeclare(INJECT_EXCHANGE, BuiltinExchangeType.DIRECT, false);
        for (String key : TokenEventsListener.BINDINGS) {
            bus.channel().queueBind(QUEUE, INJECT_EXCHANGE, key);
        }
        metrics = bus.subscribe(Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_METRICS);
        offer(PipelineSettings.defaults());
    }

    @AfterEach
    void tearDown() throws Exception {
        Emulator.get().clearFault("dexscreener");
        for (String mint : mine) {
            inject(RoutingKeys.TOKEN_STATUS_CHANGED, status(mint, "archived", System.currentTimeMillis()
                    + Duration.ofDays(2).toMillis()), null);
        }
        offer(PipelineSettings.defaults());
        bus.close();
    }

    // ---- tracking, pools, windows ------------------------------------------------------------

    @Test
    void monitoredEmulatorTokensGetMetricsOfTheirTradeablePools() throws Exception {
        Emulator emulator = Emulator.get();
        emulator.freeze();
        try {
            List<String> mints = migrate(5);
            emulator.step(300); // five minutes of trading, so the windows are not all zero
            awaitMigrationsRecorded(mints);
            for (String mint : mints) {
                // through token_events itself: the queue's bindings are the real ones
                publishToTokenEvents(RoutingKeys.TOKEN_STATUS_CHANGED, status(mint, "monitoring", System.currentTimeMillis()));
            }
            long allTxns = 0;
            int curves = 0;
            Map<String, JsonNode> received = awaitMetricsOfEach(mints);
            for (String mint : mints) {
                JsonNode body = received.get(mint);
                JsonNode pairs = emulator.admin("GET", "/_emulator/tokens?mint=" + mint).at("/tokens/0/pairs");
                assertTrue(pairs.size() >= 2, "the emulator lists a curve and a pool: " + pairs);
                JsonNode pools = body.get("pools");
                assertEquals(pairs.size(), pools.size());
                Map<String, long[]> expected = new HashMap<>();
                JsonNode bestPair = null;
                for (int i = 0; i < pairs.size(); i++) {
                    JsonNode pair = pairs.get(i);
                    JsonNode pool = pools.get(i);
                    String dex = pair.get("dexId").asText();
                    boolean curve = dex.equals("pumpfun") || dex.equals("launchlab");
                    curves += curve ? 1 : 0;
                    assertEquals(pair.get("pairAddress").asText(), pool.get("address").asText());
                    assertEquals(dex, pool.get("dex").asText());
                    assertEquals(!curve, pool.get("tradeable").asBoolean(), dex + " tradeable");
                    assertEquals(pair.path("labels").size(), pool.get("labels").size());
                    assertEquals(pair.at("/quoteToken/symbol").asText(), pool.get("quote_symbol").asText());
                    assertEquals(pair.at("/quoteToken/address").asText(), pool.get("quote_address").asText());
                    assertEquals(Double.parseDouble(pair.get("priceUsd").asText()), pool.get("price_usd").asDouble(), 1e-12);
                    if (pair.has("liquidity")) {
                        assertEquals(pair.at("/liquidity/usd").asDouble(), pool.get("liquidity_usd").asDouble(), 1e-9);
                    } else {
                        assertTrue(pool.get("liquidity_usd").isNull());
                    }
                    if (curve) {
                        continue;
                    }
                    for (String w : TokenMetricsBuilder.WINDOWS) {
                        long[] sum = expected.computeIfAbsent(w, k -> new long[3]);
                        sum[0] += pair.at("/txns/" + w + "/buys").asLong();
                        sum[1] += pair.at("/txns/" + w + "/sells").asLong();
                        sum[2] += Math.round(pair.at("/volume/" + w).asDouble() * 100);
                    }
                    if (pair.has("liquidity") && (bestPair == null || pair.at("/liquidity/usd").asDouble()
                            > bestPair.at("/liquidity/usd").asDouble(-1))) {
                        bestPair = pair;
                    }
                }
                for (String w : TokenMetricsBuilder.WINDOWS) {
                    long[] sum = expected.getOrDefault(w, new long[3]);
                    JsonNode window = body.at("/windows/" + w);
                    assertEquals(sum[0], window.get("buys").asLong(), mint + " " + w + " buys");
                    assertEquals(sum[1], window.get("sells").asLong(), mint + " " + w + " sells");
                    assertEquals(sum[2] / 100.0, window.get("volume_usd").asDouble(), 0.005, mint + " " + w + " volume");
                }
                allTxns += expected.containsKey("h24") ? expected.get("h24")[0] + expected.get("h24")[1] : 0;
                if (bestPair != null) {
                    assertEquals(Double.parseDouble(bestPair.get("priceUsd").asText()), body.get("price_usd").asDouble(), 1e-12);
                    assertEquals(bestPair.get("fdv").asDouble(), body.get("fdv").asDouble(), 1e-6);
                }
                // migrated_at: the collector's own record of the migration it announced
                assertEquals(migratedAtRecorded(mint), body.get("migrated_at").asLong());
                Map<String, Object> row = trackedRow(mint);
                // 'active' if a lifecycle-service on the shared test vhost activated it meanwhile
                assertTrue(List.of("monitoring", "active").contains(row.get("status")), row.toString());
                assertNotNull(row.get("last_fetched_at"));
                assertEquals(migratedAtRecorded(mint), ((Timestamp) row.get("migrated_at")).getTime());
            }
            assertEquals(mints.size(), curves, "one bonding curve per token, left out of the windows");
            assertTrue(allTxns > 0, "some pool traded, so the sums are not trivially zero");

            // the raw answers are kept, gzip-compressed, with the mints they were for
            JsonNode stored = storedAnswer(mints.get(0));
            assertTrue(stored.isArray() && stored.size() >= 2);
            String metricsText = RestAssured.get("/q/metrics").asString();
            assertTrue(metricsText.contains("collector_dexscreener_requests_total{outcome=\"ok\"}"), "requests metric");
            assertTrue(metricsText.contains("collector_dexscreener_tracked_tokens{temperature=\"cold\"}"), "tracked gauge");
            assertTrue(metricsText.contains("collector_dexscreener_request_seconds_bucket"), "latency histogram");
        } finally {
            emulator.resume();
        }
    }

    @Test
    void fortyTokensAreFetchedInRequestsOfAtMostThirty() throws Exception {
        List<String> mints = migrate(40);
        JsonNode before = Emulator.get().stats().at("/venues/dexscreener");
        long since = System.currentTimeMillis();
        for (String mint : mints) {
            inject(RoutingKeys.TOKEN_STATUS_CHANGED, status(mint, "monitoring", System.currentTimeMillis()), null);
        }
        Set<String> seen = new HashSet<>();
        while (seen.size() < mints.size()) {
            TestBus.Received r = metrics.await(m -> true, WAIT);
            String mint = Json.MAPPER.readTree(r.body()).get("mint").asText();
            if (mints.contains(mint)) {
                assertTrue(SchemaValidator.get().validate(MessageType.TOKEN_METRICS, r.body()).isEmpty());
                seen.add(mint);
            }
        }
        List<List<String>> requests = requestsFor(mints, since);
        assertTrue(requests.size() >= 2, "40 mints need two requests at least: " + requests.size());
        for (List<String> request : requests) {
            assertTrue(request.size() <= 30, "a request carried " + request.size() + " mints");
        }
        JsonNode after = Emulator.get().stats().at("/venues/dexscreener");
        assertEquals(before.at("/statuses/400").asLong(), after.at("/statuses/400").asLong(), "no request refused");
        assertTrue(after.at("/paths/~1tokens~1v1~1solana~1{tokenAddresses}").asLong()
                > before.at("/paths/~1tokens~1v1~1solana~1{tokenAddresses}").asLong(), "batched endpoint used");
    }

    // ---- cadence, archive, ordering ------------------------------------------------------------

    @Test
    void hotTokensAreFetchedMoreOftenThanColdOnesAndArchivedOnesNoMore() throws Exception {
        offer(settings(Map.of("hot_score_threshold", 0.5, "hot_interval_seconds", 2, "cold_interval_seconds", 6)));
        String hot = randomMint();
        String cold = randomMint();
        // a day ahead: scores and statuses the rest of the pipeline may publish for these tokens meanwhile
        // (another service's tests on the shared vhost score every token.metrics) are older, so ignored
        long now = System.currentTimeMillis() + Duration.ofDays(1).toMillis();
        inject(RoutingKeys.SCORE_UPDATED, score(hot, 0.9, now), null);
        inject(RoutingKeys.SCORE_UPDATED, score(cold, 0.1, now), null);
        inject(RoutingKeys.TOKEN_STATUS_CHANGED, status(hot, "monitoring", now), null);
        inject(RoutingKeys.TOKEN_STATUS_CHANGED, status(cold, "active", now), null);
        for (JsonNode body : awaitMetricsOfEach(List.of(hot, cold)).values()) {
            // DexScreener does not know these mints: an empty snapshot the scorer treats as a gap
            assertEquals("no_pairs", body.get("data_quality").get(0).asText());
            assertEquals(0, body.get("pools").size());
            assertEquals(0, body.at("/windows/h1/buys").asLong());
            assertTrue(body.get("migrated_at").isNull());
        }
        long start = System.currentTimeMillis();
        Thread.sleep(13_000);
        int hotFetches = fetches(hot, start);
        int coldFetches = fetches(cold, start);
        assertTrue(hotFetches >= 4 && hotFetches <= 8, "hot fetched " + hotFetches + " times in 13 s");
        assertTrue(coldFetches >= 1 && coldFetches <= 3, "cold fetched " + coldFetches + " times in 13 s");
        assertTrue(hotFetches > coldFetches);

        // an older score changes nothing
        inject(RoutingKeys.SCORE_UPDATED, score(hot, 0.1, now - 60_000), null);
        await().atMost(WAIT).until(() -> eventsCounted("score-updated", "stale") >= 1);
        assertEquals(0.9, (Double) trackedRow(hot).get("smoothed_score"));

        // archived: no more fetches; a late 'monitoring' from before the archive does not revive it
        long archivedAt = now + 10_000;
        inject(RoutingKeys.TOKEN_STATUS_CHANGED, status(hot, "archived", archivedAt), null);
        await().atMost(WAIT).until(() -> "archived".equals(trackedRow(hot).get("status")));
        double stale = eventsCounted("token-status-changed", "stale");
        inject(RoutingKeys.TOKEN_STATUS_CHANGED, status(hot, "monitoring", archivedAt - 1_000), null);
        await().atMost(WAIT).until(() -> eventsCounted("token-status-changed", "stale") > stale);
        long quiet = System.currentTimeMillis() + 1_500; // a request already on its way may still land
        Thread.sleep(9_000); // longer than a cold interval (6 s) plus a tick
        assertEquals(0, fetches(hot, quiet), "archived, not fetched");
        assertTrue(fetches(cold, quiet) >= 1, "the cold token goes on");
        assertEquals("archived", trackedRow(hot).get("status"));
    }

    // ---- cache ---------------------------------------------------------------------------------

    @Test
    void aRefreshWithinTheTtlIsServedFromTheCacheAndAfterItFetched() throws Exception {
        String mint = migrate(1).get(0);
        inject(RoutingKeys.TOKEN_STATUS_CHANGED, status(mint, "monitoring", System.currentTimeMillis()), null);
        JsonNode first = awaitMetrics(mint, null);
        long fetchedAt = first.get("fetched_at").asLong();
        int requests = fetches(mint, 0);
        double hits = registry.get("collector_dexscreener_cache_hits_total").counter().count();

        String cachedId = "refresh-" + UUID.randomUUID();
        inject(RoutingKeys.TOKEN_REFRESH_REQUESTED, new TokenRefreshRequested(mint, System.currentTimeMillis()), cachedId);
        JsonNode cached = awaitMetrics(mint, cachedId);
        assertEquals(fetchedAt, cached.get("fetched_at").asLong(), "the cached snapshot, as fetched");
        assertEquals(first.get("pools"), cached.get("pools"));
        assertEquals(hits + 1, registry.get("collector_dexscreener_cache_hits_total").counter().count());
        assertEquals(requests, fetches(mint, 0), "no request for a cached refresh");

        long ttl = 3_000; // %test collector.dexscreener.cache-ttl
        Thread.sleep(Math.max(0, fetchedAt + ttl + 200 - System.currentTimeMillis()));
        String freshId = "refresh-" + UUID.randomUUID();
        inject(RoutingKeys.TOKEN_REFRESH_REQUESTED, new TokenRefreshRequested(mint, System.currentTimeMillis()), freshId);
        JsonNode fresh = awaitMetrics(mint, freshId);
        assertTrue(fresh.get("fetched_at").asLong() >= fetchedAt + ttl, "first " + fetchedAt + ", fresh "
                + fresh.get("fetched_at") + ", requests " + requestTimes(mint));
        assertEquals(requests + 1, fetches(mint, 0), "one request after the TTL");

        // a refresh of a mint nobody tracks is fetched once and stays untracked
        String stranger = randomMint();
        String strangerId = "refresh-" + UUID.randomUUID();
        inject(RoutingKeys.TOKEN_REFRESH_REQUESTED, new TokenRefreshRequested(stranger, System.currentTimeMillis()), strangerId);
        assertEquals("no_pairs", awaitMetrics(stranger, strangerId).at("/data_quality/0").asText());
        assertNull(trackedRow(stranger));
    }

    // ---- faults --------------------------------------------------------------------------------

    @Test
    void a429PausesEveryRequestForRetryAfterAnd500sAreRetriedUntilTheyRecover() throws Exception {
        Emulator emulator = Emulator.get();
        long limited = stat("/statuses/429");
        emulator.fault("dexscreener", "http429", 4, 0);
        String mint = randomMint();
        inject(RoutingKeys.TOKEN_STATUS_CHANGED, status(mint, "monitoring", System.currentTimeMillis()), null);
        await().atMost(WAIT).until(() -> stat("/statuses/429") > limited);
        long limitedAt = System.currentTimeMillis();
        long total = stat("/total");
        Thread.sleep(3_000);
        assertEquals(total, stat("/total"), "no request during Retry-After");
        emulator.clearFault("dexscreener");
        JsonNode body = awaitMetrics(mint, null);
        assertTrue(body.get("fetched_at").asLong() >= limitedAt + 3_500, "fetched after the pause");

        long failedBefore = stat("/statuses/500");
        emulator.fault("dexscreener", "http500", 0, 0);
        String next = randomMint();
        inject(RoutingKeys.TOKEN_STATUS_CHANGED, status(next, "monitoring", System.currentTimeMillis()), null);
        await().atMost(WAIT).until(() -> stat("/statuses/500") >= failedBefore + 5);
        await().atMost(WAIT).until(() -> wellness().startsWith("degraded"));
        assertTrue(wellness().contains("HTTP 500"), wellness());
        emulator.clearFault("dexscreener");
        awaitMetrics(next, null);
        await().atMost(WAIT).until(() -> wellness().startsWith("healthy"));
        assertTrue(registry.get("collector_dexscreener_requests_total").tag("outcome", "server_error").counter().count() >= 5);
        assertTrue(registry.get("collector_dexscreener_requests_total").tag("outcome", "rate_limited").counter().count() >= 1);
    }

    // ---- dead letters --------------------------------------------------------------------------

    @Test
    void malformedEventsAreDeadLetteredWithTheReasonAndTheNextOneIsHandled() throws Exception {
        double dead = registry.get("collector_token_events_dead_lettered_total").counter().count();
        String notJson = "broken-" + UUID.randomUUID();
        String invalid = "invalid-" + UUID.randomUUID();
        injectRaw(RoutingKeys.TOKEN_STATUS_CHANGED, "{\"mint\":\"x\"".getBytes(StandardCharsets.UTF_8), notJson);
        injectRaw(RoutingKeys.TOKEN_STATUS_CHANGED, Json.toBytes(Map.of("mint", "not base58!", "new_status", "gone",
                "changed_at", 5)), invalid);
        String mint = randomMint();
        inject(RoutingKeys.TOKEN_STATUS_CHANGED, status(mint, "monitoring", System.currentTimeMillis()), null);
        awaitMetrics(mint, null);

        Map<String, String> reasons = new HashMap<>();
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (reasons.size() < 2 && System.currentTimeMillis() < deadline) {
            GetResponse r = bus.channel().basicGet(Topology.deadLetterQueue(QUEUE), true);
            if (r == null) {
                Thread.sleep(100);
                continue;
            }
            String id = r.getProps().getMessageId();
            if (notJson.equals(id) || invalid.equals(id)) {
                reasons.put(id, String.valueOf(r.getProps().getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER)));
            }
        }
        assertTrue(reasons.get(notJson).contains("not JSON"), reasons.toString());
        assertTrue(reasons.get(invalid).contains("token-status-changed schema violated"), reasons.toString());
        assertTrue(registry.get("collector_token_events_dead_lettered_total").counter().count() >= dead + 2);
        assertEquals("monitoring", trackedRow(mint).get("status"), "the next message was handled");
    }

    // ---- raw responses -------------------------------------------------------------------------

    @Test
    void rawResponsesOlderThanTheRetentionAreDeleted() throws Exception {
        String old = "/retention-test/" + UUID.randomUUID();
        String recent = "/retention-test/" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        insertRaw(old, now - Duration.ofDays(8).toMillis());
        insertRaw(recent, now - Duration.ofDays(6).toMillis());
        // the job runs every 2 s in tests (collector.dexscreener.raw-retention-interval)
        await().atMost(WAIT).until(() -> countRaw(old) == 0);
        assertEquals(1, countRaw(recent), "younger than 7 days: kept");
        TestInfra.execute("DELETE FROM collector.dexscreener_responses WHERE path = '" + recent + "'");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void offer(PipelineSettings settings) {
        SettingsFollower follower = pipeline.follower();
        while (!follower.offer(follower.current().version() + VERSION_JUMP, settings, SettingsFollower.Source.LOCAL)) {
            Thread.onSpinWait(); // a bus message got in between: go above it
        }
    }

    private static PipelineSettings settings(Map<String, Object> changes) {
        return PipelineSettings.fromMap(changes, List.of("hybrid_momentum")).orElseThrow();
    }

    private List<String> migrate(int count) {
        List<String> mints = new ArrayList<>();
        for (JsonNode m : Emulator.get().admin("POST", "/_emulator/pumpportal/migrate?count=" + count).get("migrated")) {
            mints.add(m.get("mint").asText());
        }
        mine.addAll(mints);
        return mints;
    }

    private String randomMint() {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        Random random = new Random();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String mint = sb.append("test").toString();
        mine.add(mint);
        return mint;
    }

    private static TokenStatusChanged status(String mint, String newStatus, long at) {
        return new TokenStatusChanged(mint, null, newStatus, "test", at);
    }

    private static ScoreUpdated score(String mint, double smoothed, long at) {
        return new ScoreUpdated(mint, "hybrid_momentum", smoothed, smoothed, Map.of("tx_accel", smoothed),
                Map.of("tx_accel", smoothed), "ok", at);
    }

    private static AMQP.BasicProperties props(String id) {
        return new AMQP.BasicProperties.Builder().contentType(Topology.CONTENT_TYPE).deliveryMode(2)
                .messageId(id).correlationId(id).timestamp(new java.util.Date())
                .headers(Map.of(Topology.SCHEMA_VERSION_HEADER, MessageType.SCHEMA_VERSION)).build();
    }

    private void inject(String routingKey, Object body, String id) throws Exception {
        injectRaw(routingKey, Json.toBytes(body), id == null ? UUID.randomUUID().toString() : id);
    }

    private void injectRaw(String routingKey, byte[] body, String id) throws Exception {
        bus.channel().basicPublish(INJECT_EXCHANGE, routingKey, props(id), body);
    }

    private void publishToTokenEvents(String routingKey, Object body) throws Exception {
        bus.channel().basicPublish(Topology.TOKEN_EVENTS_EXCHANGE, routingKey, props(UUID.randomUUID().toString()),
                Json.toBytes(body));
    }

    /**
     * The next schema-valid token.metrics of each mint, in whatever order they come: one request's
     * answers are published in the answer's order, and statuses applied between two ticks split the
     * mints over requests, so waiting for them one by one would discard the later ones.
     */
    private Map<String, JsonNode> awaitMetricsOfEach(List<String> mints) throws Exception {
        Map<String, JsonNode> received = new HashMap<>();
        while (received.size() < mints.size()) {
            TestBus.Received r = metrics.await(m -> mints.stream().filter(mint -> !received.containsKey(mint))
                    .anyMatch(mint -> new String(m.body(), StandardCharsets.UTF_8).contains("\"" + mint + "\"")), WAIT);
            JsonNode body = checkedMetrics(r);
            received.put(body.get("mint").asText(), body);
        }
        return received;
    }

    /** The next schema-valid token.metrics of the mint (with that correlation id, when given). */
    private JsonNode awaitMetrics(String mint, String correlationId) throws Exception {
        TestBus.Received r = metrics.await(m -> new String(m.body(), StandardCharsets.UTF_8).contains("\"" + mint + "\"")
                && (correlationId == null || correlationId.equals(m.properties().getCorrelationId())), WAIT);
        JsonNode body = checkedMetrics(r);
        assertEquals(mint, body.get("mint").asText());
        return body;
    }

    private static JsonNode checkedMetrics(TestBus.Received r) throws Exception {
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.TOKEN_METRICS, r.body()));
        assertEquals(MessageType.SCHEMA_VERSION, r.properties().getHeaders().get(Topology.SCHEMA_VERSION_HEADER).toString());
        return Json.MAPPER.readTree(r.body());
    }

    private String wellness() throws Exception {
        JsonNode checks = Json.MAPPER.readTree(RestAssured.get("/q/health/well").asString()).path("checks");
        for (JsonNode check : checks) {
            if ("dexscreener".equals(check.path("name").asText())) {
                return check.path("data").path("dexscreener").asText();
            }
        }
        return "";
    }

    private double eventsCounted(String type, String outcome) {
        var counter = registry.find("collector_token_events_total").tag("type", type).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long stat(String pointer) {
        return Emulator.get().stats().at("/venues/dexscreener" + pointer).asLong(0);
    }

    private void awaitMigrationsRecorded(List<String> mints) {
        await().atMost(WAIT).until(() -> {
            for (String m : mints) {
                if (migratedAtRecorded(m) == null) {
                    return false;
                }
            }
            return true;
        });
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(TestInfra.JDBC_URL, TestInfra.DB_USER, TestInfra.DB_PASSWORD);
    }

    private static Long migratedAtRecorded(String mint) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(
                "SELECT migrated_at FROM collector.migrated_tokens WHERE mint = ?")) {
            ps.setString(1, mint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).getTime() : null;
            }
        }
    }

    private static Map<String, Object> trackedRow(String mint) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(
                "SELECT status, smoothed_score, migrated_at, last_fetched_at FROM collector.tracked_tokens WHERE mint = ?")) {
            ps.setString(1, mint);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> row = new HashMap<>();
                row.put("status", rs.getString(1));
                row.put("smoothed_score", rs.getObject(2));
                row.put("migrated_at", rs.getTimestamp(3));
                row.put("last_fetched_at", rs.getTimestamp(4));
                return row;
            }
        }
    }

    /** Answered requests (status 200) that asked for the mint since {@code since}. */
    private static int fetches(String mint, long since) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM "
                + "collector.dexscreener_responses WHERE ? = ANY (mints) AND fetched_at >= ? AND status = 200")) {
            ps.setString(1, mint);
            ps.setTimestamp(2, new Timestamp(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static List<Long> requestTimes(String mint) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT fetched_at FROM "
                + "collector.dexscreener_responses WHERE ? = ANY (mints) ORDER BY fetched_at")) {
            ps.setString(1, mint);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getTimestamp(1).getTime());
                }
            }
            return out;
        }
    }

    /** The mints of every request since {@code since} that asked for any of these mints. */
    private static List<List<String>> requestsFor(List<String> mints, long since) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT mints FROM "
                + "collector.dexscreener_responses WHERE mints && ? AND fetched_at >= ?")) {
            ps.setArray(1, c.createArrayOf("text", mints.toArray()));
            ps.setTimestamp(2, new Timestamp(since));
            List<List<String>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(List.of((String[]) rs.getArray(1).getArray()));
                }
            }
            return out;
        }
    }

    /** The latest stored answer that covered the mint, decompressed. */
    private static JsonNode storedAnswer(String mint) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT body_gzip, body_bytes, status, path "
                + "FROM collector.dexscreener_responses WHERE ? = ANY (mints) ORDER BY fetched_at DESC LIMIT 1")) {
            ps.setString(1, mint);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "a stored response for " + mint);
                assertEquals(200, rs.getInt(3));
                assertTrue(rs.getString(4).startsWith("/tokens/v1/solana/") || rs.getString(4).startsWith("/token-pairs/v1/solana/"));
                byte[] body;
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(rs.getBytes(1)))) {
                    body = in.readAllBytes();
                }
                assertEquals(rs.getInt(2), body.length);
                assertFalse(body.length == 0);
                return Json.MAPPER.readTree(body);
            }
        }
    }

    private static void insertRaw(String path, long fetchedAt) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("INSERT INTO collector.dexscreener_responses "
                + "(fetched_at, path, status, mints, duration_ms, body_bytes, body_gzip) VALUES (?, ?, 200, '{}', 1, 2, ?)")) {
            ps.setTimestamp(1, new Timestamp(fetchedAt));
            ps.setString(2, path);
            ps.setBytes(3, RawResponses.gzip("[]".getBytes(StandardCharsets.UTF_8)));
            ps.executeUpdate();
        }
    }

    private static int countRaw(String path) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM collector.dexscreener_responses WHERE path = ?")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
