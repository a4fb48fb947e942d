package io.marketdata.lifecycle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.contracts.token.TokenStatusChanged;
import io.marketdata.lifecycle.check.PeriodicCheck;
import io.marketdata.lifecycle.settings.LifecycleSettings;
import io.marketdata.lifecycle.support.BusTest;
import io.marketdata.lifecycle.support.Mints;
import io.marketdata.lifecycle.support.Msg;
import io.marketdata.lifecycle.support.Scenario;
import io.marketdata.lifecycle.support.TestBus;
import io.marketdata.lifecycle.support.TestClock;
import io.marketdata.lifecycle.support.TestDb;
import io.marketdata.lifecycle.support.TestSettings;
import io.marketdata.lifecycle.tokens.MintTransition;
import io.marketdata.lifecycle.tokens.PoolView;
import io.marketdata.lifecycle.support.StoredTokens;
import io.marketdata.lifecycle.tokens.TokenView;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules end to end: messages published on {@code token_events} in the test vhost, state read
 * back from PostgreSQL, transitions received from the bus. Hours pass on {@link TestClock}.
 */
@QuarkusTest
class LifecycleFlowTest extends BusTest {

    @Inject
    StoredTokens queries;
    @Inject
    PeriodicCheck check;
    @Inject
    TestClock clock;
    @Inject
    LifecycleSettings settings;
    @Inject
    MeterRegistry registry;

    @BeforeEach
    void seedDefaults() {
        TestSettings.defaults(settings.follower());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private TokenView token(String mint) throws Exception {
        return queries.find(mint).orElse(null);
    }

    private TokenView awaitToken(String mint, Predicate<TokenView> condition) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> token(mint), t -> t != null && condition.test(t));
    }

    private String create() {
        return Scenario.create(bus, clock, queries);
    }

    /** Publishes a snapshot and waits until it was applied (or at least handled, when ignored). */
    private TokenView metrics(String mint, long h1Tx, io.marketdata.contracts.token.PoolMetrics... pools) throws Exception {
        TokenMetrics m = Msg.metrics(mint, h1Tx, pools);
        bus.publish(RoutingKeys.TOKEN_METRICS, m);
        return awaitToken(mint, t -> t.metricsAt() != null && t.metricsAt() == m.fetchedAt());
    }

    private String activeToken() throws Exception {
        String mint = create();
        assertEquals("active", metrics(mint, 300, Msg.tradeable(500)).status());
        bus.awaitStatusEvent(mint, e -> e.newStatus().equals("active"));
        return mint;
    }

    private double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private static void assertValidEvent(TestBus.Received r) {
        assertEquals(List.of(), SchemaValidator.get().validate(MessageType.TOKEN_STATUS_CHANGED, r.body()));
        assertEquals(RoutingKeys.TOKEN_STATUS_CHANGED, r.routingKey());
        assertEquals(Topology.CONTENT_TYPE, r.properties().getContentType());
        assertNotNull(r.properties().getMessageId());
        assertNotNull(r.properties().getTimestamp());
        assertEquals(Integer.valueOf(2), r.properties().getDeliveryMode());
        assertEquals(MessageType.SCHEMA_VERSION, String.valueOf(r.properties().getHeaders().get(Topology.SCHEMA_VERSION_HEADER)));
    }

    // ---- token.created ------------------------------------------------------------------------

    @Test
    void aMigratedTokenIsMonitoredRecordedAndAnnounced() throws Exception {
        String mint = Mints.random();
        bus.publish(RoutingKeys.TOKEN_CREATED, Msg.bytes(Msg.created(mint)), "corr-" + mint);
        TestBus.Received event = bus.awaitStatusEvent(mint, e -> e.newStatus().equals("monitoring"));
        assertValidEvent(event);
        TokenStatusChanged e = event.statusChanged();
        assertNull(e.oldStatus());
        assertEquals("migrated", e.reason());
        assertEquals("corr-" + mint, event.properties().getCorrelationId(), "the correlation id follows the chain");
        TokenView t = token(mint);
        assertEquals("monitoring", t.status());
        assertEquals("pump-amm", t.venue());
        assertEquals(e.changedAt(), t.statusSince());
        assertEquals(List.of("null→monitoring:migrated"), TestDb.history(mint));
    }

    @Test
    void aDuplicateTokenCreatedChangesNothing() throws Exception {
        String mint = create();
        String name = token(mint).name();
        var duplicate = Msg.created(mint);
        bus.publish(RoutingKeys.TOKEN_CREATED, new io.marketdata.contracts.token.TokenCreated(mint, "Other name", "OTH",
                duplicate.signature(), "raydium", duplicate.migratedAt()));
        // a later message of the same queue: once it is handled, the duplicate was handled before it
        metrics(mint, 300, Msg.tradeable(800));
        bus.awaitStatusEvent(mint, e -> e.newStatus().equals("active"));
        assertEquals(List.of("null→monitoring:migrated", "monitoring→active:activation"), TestDb.history(mint));
        // the outbox publishes in commit order: a second creation event would have come before the activation
        assertEquals(List.of("monitoring", "active"), bus.statusEvents(mint).stream().map(r -> r.statusChanged().newStatus()).toList());
        assertEquals(name, token(mint).name());
        assertTrue(counter("lifecycle.messages.ignored", "type", "token.created", "reason", "duplicate") >= 1);
    }

    // ---- activation ---------------------------------------------------------------------------

    @Test
    void activationNeedsBothThresholdsOnATradeablePool() throws Exception {
        String lowLiquidity = create();
        String lowActivity = create();
        String bondingCurveOnly = create();
        String atThresholds = create();

        assertEquals("monitoring", metrics(lowLiquidity, 300, Msg.tradeable(499.99)).status());
        assertEquals("monitoring", metrics(lowActivity, 299, Msg.tradeable(500)).status());
        assertEquals("monitoring", metrics(bondingCurveOnly, 5_000, Msg.bondingCurve(1_000_000)).status());
        TokenView active = metrics(atThresholds, 300, Msg.tradeable(500), Msg.bondingCurve(20_000));
        assertEquals("active", active.status());
        assertEquals(300L, active.h1TxCount());
        assertEquals(500.0, active.liquidityUsd(), "tradeable pools only");
        assertEquals(2, active.poolCount());

        TestBus.Received event = bus.awaitStatusEvent(atThresholds, e -> e.newStatus().equals("active"));
        assertValidEvent(event);
        assertEquals("activation", event.statusChanged().reason());
        assertEquals("monitoring", event.statusChanged().oldStatus());
        assertEquals(event.statusChanged().changedAt(), active.statusSince());
        assertEquals(event.statusChanged().changedAt(), active.activatedAt());

        List<PoolView> pools = queries.pools(bondingCurveOnly);
        assertEquals(1, pools.size());
        assertFalse(pools.get(0).tradeable());
        assertEquals(1_000_000.0, pools.get(0).liquidityUsd());

        // the token short of transactions gets there with the next snapshot
        assertEquals("active", metrics(lowActivity, 300, Msg.tradeable(500)).status());
        for (String mint : List.of(lowLiquidity, bondingCurveOnly)) {
            assertEquals(List.of("null→monitoring:migrated"), TestDb.history(mint));
            assertEquals(1, bus.statusEvents(mint).size());
        }
    }

    @Test
    void poolsMissingFromASnapshotBecomeInactive() throws Exception {
        String mint = create();
        var kept = Msg.tradeable(1_000);
        var dropped = Msg.tradeable(2_000);
        metrics(mint, 10, kept, dropped);
        PoolView before = queries.pools(mint).get(0);
        assertEquals(dropped.address(), before.address(), "highest liquidity first");
        TokenView t = metrics(mint, 10, kept);
        assertEquals(2, t.poolCount());
        assertEquals(1, t.activePoolCount());
        List<PoolView> pools = queries.pools(mint);
        PoolView gone = pools.stream().filter(p -> p.address().equals(dropped.address())).findFirst().orElseThrow();
        PoolView still = pools.stream().filter(p -> p.address().equals(kept.address())).findFirst().orElseThrow();
        assertFalse(gone.active());
        assertTrue(still.active());
        assertTrue(still.lastSeen() > still.firstSeen());
        assertEquals(before.firstSeen(), gone.firstSeen());
    }

    // ---- deactivation -------------------------------------------------------------------------

    @Test
    void tenLowActivityChecksDeactivateNineDoNot() throws Exception {
        String mint = activeToken();
        for (int i = 1; i <= 5; i++) {
            assertEquals(i, metrics(mint, 299, Msg.tradeable(5_000)).lowActivityChecks());
        }
        assertEquals(0, metrics(mint, 300, Msg.tradeable(5_000)).lowActivityChecks(), "an active snapshot resets the count");
        for (int i = 1; i <= 9; i++) {
            TokenView t = metrics(mint, 299, Msg.tradeable(5_000));
            assertEquals("active", t.status(), "after " + i + " low checks");
            assertEquals(i, t.lowActivityChecks());
        }
        TokenView after = metrics(mint, 299, Msg.tradeable(5_000));
        assertEquals("monitoring", after.status());
        assertEquals(0, after.lowActivityChecks());
        TestBus.Received event = bus.awaitStatusEvent(mint, e -> e.reason().equals("low_activity"));
        assertValidEvent(event);
        assertEquals("active", event.statusChanged().oldStatus());
        assertEquals("monitoring", event.statusChanged().newStatus());
        assertEquals(event.statusChanged().changedAt(), after.statusSince(), "the archive clock restarts");
        assertEquals(List.of("null→monitoring:migrated", "monitoring→active:activation", "active→monitoring:low_activity"),
                TestDb.history(mint));
    }

    @Test
    void sixHoursBelowMinScoreDeactivate() throws Exception {
        String mint = activeToken();
        long first = clock.millis();
        bus.publish(RoutingKeys.SCORE_UPDATED, Msg.score(mint, 0.3, first));
        TokenView t = awaitToken(mint, v -> v.scoredAt() != null && v.scoredAt() == first);
        assertEquals(first, t.lowScoreSince());
        assertEquals(0.3, t.smoothedScore());

        clock.advance(Duration.ofHours(5).plusMinutes(59));
        long later = clock.millis();
        bus.publish(RoutingKeys.SCORE_UPDATED, Msg.score(mint, 0.2, later));
        t = awaitToken(mint, v -> v.scoredAt() == later);
        assertEquals(first, t.lowScoreSince(), "still counting from the first low score");
        assertNoTransition(check.runOnce(), mint);
        assertEquals("active", token(mint).status());

        clock.advance(Duration.ofMinutes(1));
        List<MintTransition> done = check.runOnce();
        assertEquals("low_score", done.stream().filter(m -> m.mint().equals(mint)).findFirst().orElseThrow()
                .transition().reason().wire());
        t = token(mint);
        assertEquals("monitoring", t.status());
        assertNull(t.lowScoreSince());
        TestBus.Received event = bus.awaitStatusEvent(mint, e -> e.reason().equals("low_score"));
        assertValidEvent(event);
        assertEquals(event.statusChanged().changedAt(), t.statusSince());
        assertEquals("monitoring→active:activation", TestDb.history(mint).get(1));
        assertEquals("active→monitoring:low_score", TestDb.history(mint).get(2));
    }

    @Test
    void aScoreAtMinScoreStopsTheLowScoreClock() throws Exception {
        String mint = activeToken();
        long first = clock.millis();
        bus.publish(RoutingKeys.SCORE_UPDATED, Msg.score(mint, 0.1, first));
        awaitToken(mint, v -> v.lowScoreSince() != null);
        bus.publish(RoutingKeys.SCORE_UPDATED, Msg.score(mint, 0.5, first + 1_000));
        TokenView t = awaitToken(mint, v -> v.scoredAt() == first + 1_000);
        assertNull(t.lowScoreSince());
        // an older score arriving late is not stored (the snapshot behind it in the queue shows it was handled)
        bus.publish(RoutingKeys.SCORE_UPDATED, Msg.score(mint, 0.01, first + 500));
        metrics(mint, 300, Msg.tradeable(500));
        assertTrue(counter("lifecycle.messages.ignored", "type", "score.updated", "reason", "stale") >= 1);
        clock.advance(Duration.ofHours(7));
        assertNoTransition(check.runOnce(), mint);
        t = token(mint);
        assertEquals("active", t.status());
        assertEquals(0.5, t.smoothedScore());
    }

    // ---- archiving ----------------------------------------------------------------------------

    @Test
    void twentyFourHoursWithoutActivationArchiveAndArchivedTokensAreIgnored() throws Exception {
        String mint = create();
        clock.advance(Duration.ofHours(23).plusMinutes(59));
        assertNoTransition(check.runOnce(), mint);
        assertEquals("monitoring", token(mint).status());

        clock.advance(Duration.ofMinutes(1));
        check.runOnce();
        TokenView t = token(mint);
        assertEquals("archived", t.status());
        assertEquals(t.statusSince(), t.archivedAt());
        TestBus.Received event = bus.awaitStatusEvent(mint, e -> e.newStatus().equals("archived"));
        assertValidEvent(event);
        assertEquals("no_activation", event.statusChanged().reason());
        assertEquals("monitoring", event.statusChanged().oldStatus());
        assertEquals(List.of("null→monitoring:migrated", "monitoring→archived:no_activation"), TestDb.history(mint));

        double metricsIgnored = counter("lifecycle.messages.ignored", "type", "token.metrics", "reason", "archived");
        double scoresIgnored = counter("lifecycle.messages.ignored", "type", "score.updated", "reason", "archived");
        TokenView before = token(mint);
        bus.publish(RoutingKeys.TOKEN_METRICS, Msg.metrics(mint, 10_000, Msg.tradeable(1_000_000)));
        bus.publish(RoutingKeys.SCORE_UPDATED, Msg.score(mint, 0.01, clock.millis()));
        create(); // handled after both: same queue, one consumer
        assertTrue(counter("lifecycle.messages.ignored", "type", "token.metrics", "reason", "archived") > metricsIgnored);
        assertTrue(counter("lifecycle.messages.ignored", "type", "score.updated", "reason", "archived") > scoresIgnored);
        t = token(mint);
        assertEquals("archived", t.status());
        assertEquals(before.metricsAt(), t.metricsAt());
        assertEquals(0L, t.h1TxCount());
        assertEquals(before.scoredAt(), t.scoredAt());
        assertEquals(0.9, t.smoothedScore());
        assertEquals(0, t.poolCount());
        clock.advance(Duration.ofDays(2));
        assertNoTransition(check.runOnce(), mint);
        assertEquals(2, TestDb.history(mint).size());
        assertEquals(2, bus.statusEvents(mint).size());
    }

    @Test
    void metricsOfAnUnknownMintAreCountedAndAcknowledged() throws Exception {
        String mint = Mints.random();
        double before = counter("lifecycle.messages.ignored", "type", "token.metrics", "reason", "unknown_mint");
        bus.publish(RoutingKeys.TOKEN_METRICS, Msg.metrics(mint, 1_000, Msg.tradeable(10_000)));
        create(); // handled after it
        assertTrue(counter("lifecycle.messages.ignored", "type", "token.metrics", "reason", "unknown_mint") > before);
        assertEquals(Optional.empty(), queries.find(mint));
    }

    // ---- several replicas ---------------------------------------------------------------------

    @Test
    void concurrentChecksTransitionATokenOnce() throws Exception {
        String mint = create();
        clock.advance(Duration.ofHours(25));
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<MintTransition>>> runs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Callable<List<MintTransition>> run = () -> {
                start.await();
                return check.runOnce();
            };
            runs.add(pool.submit(run));
        }
        start.countDown();
        int mine = 0;
        for (Future<List<MintTransition>> f : runs) {
            mine += (int) f.get().stream().filter(m -> m.mint().equals(mint)).count();
        }
        pool.shutdown();
        assertEquals(1, mine);
        assertEquals(List.of("null→monitoring:migrated", "monitoring→archived:no_activation"), TestDb.history(mint));
        bus.awaitStatusEvent(mint, e -> e.newStatus().equals("archived"));
        assertEquals(2, bus.statusEvents(mint).size());
    }

    private static void assertNoTransition(List<MintTransition> done, String mint) {
        assertTrue(done.stream().noneMatch(m -> m.mint().equals(mint)), "no transition of " + mint + ": " + done);
    }
}
