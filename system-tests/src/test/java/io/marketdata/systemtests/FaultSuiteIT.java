package io.marketdata.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.marketdata.cli.AmqpSettings;
import io.marketdata.cli.ControlClient;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.Topology;
import io.marketdata.contracts.control.ControlCommand;
import io.marketdata.contracts.control.ControlOutcome;
import io.marketdata.contracts.control.ControlRequest;
import io.marketdata.orderbook.support.JavaService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault suite (issue 12): the whole pipeline — emulator → collector → orderbook, lifecycle,
 * scoring — as packaged processes on a private RabbitMQ node and a private PostgreSQL instance
 * (deploy/fault/private-infra.sh), which the tests stop and start while data flows. Assertions are on
 * data only: every token.created seen on the bus reaches lifecycle exactly once, every minute with
 * market data on the bus has its minute row and no book is counted twice, no process exits, control
 * answers after every return. The figures (outages, time to ready, dead letters) are written to
 * target/fault-suite/*.txt for docs/reliability.md, never asserted.
 */
class FaultSuiteIT {

    private static final int RABBIT_PORT = Integer.getInteger("fault.rabbitmq.port", 5690);
    private static final int POSTGRES_PORT = Integer.getInteger("fault.postgres.port", 5495);
    private static final String TOKEN_TAP = "fault.tap.token_created";
    private static final String MARKET_TAP = "fault.tap.market_data";
    private static final String METRICS_TAP = "fault.tap.token_metrics";
    private static final List<String> WORK_QUEUES = List.of("orderbook.market_data", "lifecycle.token_events",
            "scoring.token_events");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrivateInfra infra;
    private final Map<String, JavaService> services = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new HashMap<>();
    private String run;
    private final List<String> report = new ArrayList<>();

    @BeforeEach
    void privateInfrastructure() throws Exception {
        Files.createDirectories(Path.of("target", "fault-suite"));
        infra = new PrivateInfra(RABBIT_PORT, POSTGRES_PORT).start();
        try (Connection c = broker().open("fault-suite-taps"); Channel ch = c.createChannel()) {
            // durable taps declared before any service starts: they see everything that is published
            ch.exchangeDeclare(Topology.MARKET_DATA_EXCHANGE, "topic", true);
            ch.exchangeDeclare(Topology.TOKEN_EVENTS_EXCHANGE, "topic", true);
            ch.queueDeclare(MARKET_TAP, true, false, false, null);
            ch.queueBind(MARKET_TAP, Topology.MARKET_DATA_EXCHANGE, "futures.#");
            ch.queueBind(MARKET_TAP, Topology.MARKET_DATA_EXCHANGE, "spot.#");
            ch.queueDeclare(TOKEN_TAP, true, false, false, null);
            ch.queueBind(TOKEN_TAP, Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_CREATED);
            ch.queueDeclare(METRICS_TAP, true, false, false, null);
            ch.queueBind(METRICS_TAP, Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_METRICS);
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        services.values().forEach(JavaService::close);
        services.clear();
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void brokerStoppedThreeTimesMidStream() throws Exception {
        startPipeline("broker");
        warmUp();
        int[] outageSeconds = {8, 15, 25}; // plus stop_app and start_app: about 11, 18 and 28 s without a broker
        for (int i = 0; i < outageSeconds.length; i++) {
            infra.stopBroker();
            long down = System.nanoTime();
            Thread.sleep(outageSeconds[i] * 1_000L);
            infra.startBroker();
            long back = System.nanoTime();
            Map<String, Long> ready = millisUntilReady(back);
            assertControlAnswers();
            assertAllAlive();
            report.add(String.format("outage %d: broker down %.1f s; ready again after (ms) %s", i + 1,
                    (back - down) / 1e9, ready));
        }
        Thread.sleep(20_000); // data keeps flowing after the last return
        verifyNothingLostNothingTwice("broker");
    }

    @Test
    void databaseDownFor120Seconds() throws Exception {
        startPipeline("database");
        warmUp();
        infra.stopDatabase();
        long down = System.nanoTime();
        Set<String> reportedNotReady = new HashSet<>();
        long outageMillis = Long.getLong("fault.postgres.outage-ms", 120_000);
        while (System.nanoTime() - down < outageMillis * 1_000_000) {
            assertAllAlive();
            services.forEach((name, s) -> {
                if (!ready(s)) {
                    reportedNotReady.add(name);
                }
            });
            Thread.sleep(2_000);
        }
        infra.startDatabase();
        long back = System.nanoTime();
        Map<String, Long> ready = millisUntilReady(back);
        assertAllAlive();
        report.add(String.format("database down %.1f s; not ready during the outage: %s; ready again after (ms) %s",
                (back - down) / 1e9, new java.util.TreeSet<>(reportedNotReady), ready));
        assertControlAnswers();
        Thread.sleep(20_000);
        verifyNothingLostNothingTwice("database");
    }


    @Test
    void servicesStartWhileDatabaseIsDown() throws Exception {
        infra.stopDatabase();
        long down = System.nanoTime();
        startPipeline("dbstart", false);
        Thread.sleep(10_000); // long enough for a boot that fails on the database to have failed
        assertAllAlive();
        Set<String> notReady = new java.util.TreeSet<>();
        services.forEach((name, s) -> {
            if (!ready(s)) {
                notReady.add(name);
            }
        });
        // the emulator has no database; every other service is live and reports the database in readiness
        assertEquals(new java.util.TreeSet<>(List.of("collector", "lifecycle", "orderbook", "scoring")), notReady);
        infra.startDatabase();
        long back = System.nanoTime();
        Map<String, Long> ready = millisUntilReady(back);
        assertAllAlive();
        report.add(String.format("started with the database down (%.1f s); live, not ready: %s; ready after it returned (ms) %s",
                (back - down) / 1e9, notReady, ready));
        warmUp();
        assertControlAnswers();
        Thread.sleep(20_000);
        verifyNothingLostNothingTwice("dbstart");
    }

    @Test
    void sigtermAtRandomMomentsFiveTimes() throws Exception {
        startPipeline("sigterm");
        warmUp();
        java.util.Random random = new java.util.Random(Long.getLong("fault.seed", System.nanoTime()));
        List<String> order = List.of("orderbook", "collector", "lifecycle", "scoring", "orderbook");
        for (String name : order) {
            Thread.sleep(3_000 + random.nextInt(12_000));
            long t0 = System.nanoTime();
            int exit = services.get(name).terminate(Duration.ofSeconds(40));
            long stopped = System.nanoTime();
            restart(name);
            report.add(String.format("SIGTERM %s: exit %d after %d ms, ready again %d ms later", name, exit,
                    (stopped - t0) / 1_000_000, (System.nanoTime() - stopped) / 1_000_000));
            assertTrue(exit == 0 || exit == 143, name + " ends its graceful shutdown on SIGTERM: " + exit);
        }
        Thread.sleep(15_000);
        verifyNothingLostNothingTwice("sigterm");
    }

    @Test
    void consumersKilledWithUnacknowledgedMessagesInFlight() throws Exception {
        startPipeline("sigkill");
        warmUp();
        for (String name : List.of("orderbook", "lifecycle", "scoring")) {
            // frozen first (SIGSTOP), so what the broker delivers from then on stays unacknowledged; killed
            // once some is (or after 30 s): the kill then always finds deliveries in flight when data flows
            services.get(name).suspend();
            long inFlight = 0;
            for (int i = 0; i < 60 && inFlight == 0; i++) {
                Thread.sleep(500);
                inFlight = unacknowledged(queueOf(name));
            }
            services.get(name).kill();
            restart(name);
            report.add(String.format("SIGKILL %s with %d unacknowledged deliveries in flight", name, inFlight));
            Thread.sleep(10_000);
        }
        Thread.sleep(15_000);
        verifyNothingLostNothingTwice("sigkill");
    }

    @Test
    void malformedFloodOnEveryConsumedQueue() throws Exception {
        startPipeline("malformed");
        warmUp();
        int n = Integer.getInteger("fault.malformed.count", 10_000);
        String replies = "fault.control.replies";
        Map<String, Long> expectedDeadLetters = new TreeMap<>();
        try (Connection c = broker().open("fault-suite-flood"); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            ch.queueDeclare(replies, true, false, false, null);
            for (int i = 0; i < n; i++) {
                // orderbook.market_data: not JSON, schema violations, non-finite or absurd values, out-of-window times
                ch.basicPublish("", "orderbook.market_data", persistent(), badBook(i));
                // lifecycle.token_events: token.created not JSON / wrong types / a NUL byte PostgreSQL refuses
                ch.basicPublish(Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_CREATED, persistent(), badTokenCreated(i));
                // scoring.token_events (and lifecycle's): token.status_changed that cannot be read
                ch.basicPublish(Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_STATUS_CHANGED, persistent(),
                        garbage(i));
                // collector.token_events: token.refresh_requested that cannot be read
                ch.basicPublish(Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_REFRESH_REQUESTED, persistent(),
                        garbage(i));
                // futures_collector_control: malformed requests, answered on the reply queue
                ch.basicPublish("", Topology.CONTROL_QUEUE, new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                        .deliveryMode(2).replyTo(replies).correlationId("flood-" + i).build(), badControl(i));
                if (i % 500 == 499) {
                    ch.waitForConfirmsOrDie(60_000);
                }
            }
            ch.waitForConfirmsOrDie(60_000);
        }
        expectedDeadLetters.put("orderbook.market_data.dlq", (long) n);
        expectedDeadLetters.put("lifecycle.token_events.dlq", (long) n); // token.created only: lifecycle binds no status_changed
        expectedDeadLetters.put("scoring.token_events.dlq", (long) n);
        expectedDeadLetters.put("collector.token_events.dlq", 2L * n); // status_changed and refresh_requested

        // then a valid message on each path is still processed
        String mint = validMint();
        try (Connection c = broker().open("fault-suite-valid"); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            ch.basicPublish(Topology.TOKEN_EVENTS_EXCHANGE, RoutingKeys.TOKEN_CREATED, persistent(), Json.MAPPER
                    .writeValueAsBytes(Map.of("mint", mint, "name", "Flood Survivor", "symbol", "FLOOD",
                            "signature", "sig-" + mint, "venue", "pumpswap", "migrated_at", System.currentTimeMillis())));
            ch.waitForConfirmsOrDie(10_000);
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                .until(() -> count("SELECT count(*) FROM lifecycle.tokens WHERE mint = '" + mint + "'") == 1);
        assertControlAnswers();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Map<String, Long> now = deadLetterCounts(expectedDeadLetters.keySet());
            return now.entrySet().stream().allMatch(e -> e.getValue() >= expectedDeadLetters.get(e.getKey()))
                    && queueDepth(Topology.CONTROL_QUEUE) == 0;
        });
        Map<String, Long> deadLettered = deadLetterCounts(expectedDeadLetters.keySet());
        long controlDeadLettered = deadLetterCounts(Set.of(Topology.deadLetterQueue(Topology.CONTROL_QUEUE)))
                .values().iterator().next();
        Map<String, Long> errorCodes = new TreeMap<>();
        long withReason = 0;
        int answered = drainReplies(replies, errorCodes);
        for (String dlq : expectedDeadLetters.keySet()) {
            withReason += countWithReason(dlq);
        }
        assertAllAlive();
        report.add(String.format("published %d malformed messages per path; dead-lettered %s (with a reason header: %d)",
                n, deadLettered, withReason));
        report.add(String.format("control: %d answered with error codes %s, %d dead-lettered", answered, errorCodes,
                controlDeadLettered));
        assertEquals(expectedDeadLetters, deadLettered, "every malformed message is dead-lettered, none lost");
        assertEquals(expectedDeadLetters.values().stream().mapToLong(Long::longValue).sum(), withReason,
                "every dead letter says why");
        assertEquals(n, answered + controlDeadLettered, "every malformed control request answered or dead-lettered");
        Thread.sleep(5_000);
        verifyNothingLostNothingTwice("malformed");
    }


    @Test
    void oneVenueFailing() throws Exception {
        startPipeline("venue");
        warmUp();
        String failing = "htx";
        List<String> healthyRest = List.of("bybit", "bitget", "gateio"); // one book per symbol per cycle
        String venueTap = "fault.tap.venues";
        try (Connection c = broker().open("fault-suite-venue-tap"); Channel ch = c.createChannel()) {
            ch.queueDeclare(venueTap, false, false, false, null);
            ch.queueBind(venueTap, Topology.MARKET_DATA_EXCHANGE, "futures.#");
        }
        String emulator = services.get("emulator").url("/_emulator");
        List<String> faults = List.of("{\"mode\":\"http500\"}", "{\"mode\":\"http429\",\"retry_after_seconds\":2}",
                "{\"mode\":\"malformed\"}", "{\"mode\":\"slow\",\"delay_ms\":10000}", "drop-streams");
        int symbols = 2;
        for (String fault : faults) {
            purge(venueTap);
            JsonNode before = exchangeStatistics();
            if (fault.equals("drop-streams")) {
                for (int i = 0; i < 3; i++) { // dropped WebSockets on binance, the venue with live books
                    send(HttpRequest.newBuilder(URI.create(emulator + "/streams/binance-futures/drop"))
                            .POST(HttpRequest.BodyPublishers.noBody()));
                    Thread.sleep(7_000);
                }
            } else {
                send(HttpRequest.newBuilder(URI.create(emulator + "/faults/" + failing)).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(fault)));
                Thread.sleep(20_000);
                send(HttpRequest.newBuilder(URI.create(emulator + "/faults/" + failing)).DELETE());
            }
            JsonNode after = exchangeStatistics();
            Map<String, Long> books = new TreeMap<>();
            drain(venueTap, body -> books.merge(body.path("exchange").asText(), 1L, Long::sum));
            List<String> perVenue = new ArrayList<>();
            for (String venue : healthyRest) {
                long cycles = delta(before, after, venue, "cycles") - delta(before, after, venue, "skipped_cycles");
                long errors = delta(before, after, venue, "errors");
                long published = books.getOrDefault(venue, 0L);
                perVenue.add(venue + " " + cycles + " cycles, " + published + " books, " + errors + " errors");
                assertEquals(0, errors, venue + " is not affected by " + fault + " on " + failing);
                // every cycle of a healthy venue published every symbol (a cycle at each edge may straddle the tap)
                assertTrue(published >= symbols * (cycles - 1) && published <= symbols * (cycles + 1),
                        venue + " published " + published + " books in " + cycles + " cycles during " + fault);
            }
            long failingErrors = delta(before, after, failing, "errors");
            report.add(String.format("%s on %s: %s errors on %s; %s; books per venue %s", fault, failing, failingErrors,
                    failing, perVenue, books));
            // the failing venue (or binance's streams) recovers once the fault is lifted
            String recovering = fault.equals("drop-streams") ? "binance" : failing;
            purge(venueTap);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                Set<String> symbolsSeen = new HashSet<>();
                drain(venueTap, body -> {
                    if (body.path("exchange").asText().equals(recovering)) {
                        symbolsSeen.add(body.path("symbol").asText());
                    }
                });
                return symbolsSeen.size() == symbols;
            });
        }
        try (Connection c = broker().open("fault-suite-venue-tap"); Channel ch = c.createChannel()) {
            ch.queueDelete(venueTap);
        }
        verifyNothingLostNothingTwice("venue");
    }

    private static long delta(JsonNode before, JsonNode after, String venue, String field) {
        return after.path(venue).path(field).asLong() - before.path(venue).path(field).asLong();
    }

    private JsonNode exchangeStatistics() throws Exception {
        ControlRequest request = ControlRequest.of(ControlCommand.GET_STATISTICS, UUID.randomUUID().toString(),
                Instant.now().getEpochSecond());
        ControlOutcome outcome = new ControlClient(broker()).call(Topology.CONTROL_QUEUE, request, Duration.ofSeconds(10));
        assertTrue(outcome instanceof ControlOutcome.Answered, "get_statistics answered: " + outcome);
        return Json.MAPPER.readTree(((ControlOutcome.Answered) outcome).body()).path("data").path("exchanges");
    }

    private void purge(String queue) throws Exception {
        try (Connection c = broker().open("fault-suite-purge"); Channel ch = c.createChannel()) {
            ch.queuePurge(queue);
        }
    }

    private static void send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, "emulator admin call answered " + r.statusCode() + ": " + r.body());
    }

    private static String queueOf(String service) {
        return switch (service) {
            case "orderbook" -> "orderbook.market_data";
            case "lifecycle" -> "lifecycle.token_events";
            case "scoring" -> "scoring.token_events";
            default -> throw new IllegalArgumentException(service);
        };
    }

    private static com.rabbitmq.client.AMQP.BasicProperties persistent() {
        return new com.rabbitmq.client.AMQP.BasicProperties.Builder().deliveryMode(2).contentType(Topology.CONTENT_TYPE)
                .messageId(UUID.randomUUID().toString()).build();
    }

    private static byte[] garbage(int i) {
        return switch (i % 3) {
            case 0 -> ("not json " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case 1 -> ("{\"mint\": " + i + ", \"old_status\": [], \"new_status\": {}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            default -> new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) i};
        };
    }

    private static byte[] badTokenCreated(int i) throws IOException {
        if (i % 3 != 2) {
            return garbage(i);
        }
        // schema-valid, but PostgreSQL refuses a NUL byte in text: a permanent error, never retried forever
        return Json.MAPPER.writeValueAsBytes(Map.of("mint", validMint(), "name", "nul\u0000name", "symbol", "NUL",
                "signature", "sig" + i, "venue", "pumpswap", "migrated_at", System.currentTimeMillis()));
    }

    private static byte[] badBook(int i) throws IOException {
        long now = System.currentTimeMillis();
        Map<String, Object> book = new LinkedHashMap<>();
        book.put("exchange", "binance");
        book.put("market", "futures");
        book.put("symbol", "BTC/USDT:USDT");
        book.put("timestamp", now);
        switch (i % 5) {
            case 0 -> {
                return garbage(i);
            }
            case 1 -> book.put("orderbook", Map.of("bids", List.of(List.of("100", "1e308")), "asks", List.of(List.of("101", "1")),
                    "timestamp", now));
            case 2 -> book.put("orderbook", Map.of("bids", List.of(List.of("100", "1")), "asks", List.of(List.of("101", "1")),
                    "timestamp", 4102444800000L)); // 2100
            case 3 -> book.put("orderbook", Map.of("bids", List.of(List.of("100", "1")), "asks", List.of(List.of("101", "1")),
                    "timestamp", 1500000000000L)); // 2017
            default -> book.put("orderbook", Map.of("bids", List.of(List.of("101", "1")), "asks", List.of(List.of("100", "1")),
                    "timestamp", now)); // crossed
        }
        return Json.MAPPER.writeValueAsBytes(book);
    }

    private static byte[] badControl(int i) throws IOException {
        return switch (i % 4) {
            case 0 -> garbage(i);
            case 1 -> Json.MAPPER.writeValueAsBytes(Map.of("command", "x".repeat(300), "correlation_id", "flood-" + i));
            case 2 -> Json.MAPPER.writeValueAsBytes(Map.of("command", "add_symbol", "symbol", i % 1000 == 2 ? "S".repeat(1 << 20) : "",
                    "correlation_id", "flood-" + i));
            default -> Json.MAPPER.writeValueAsBytes(Map.of("command", "no_such_command", "correlation_id", "flood-" + i));
        };
    }

    /** A base58 mint nobody else uses. */
    private static String validMint() {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder("Fau1t");
        while (sb.length() < 44) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    // ---- the pipeline ------------------------------------------------------------------------------

    private void startPipeline(String run) throws Exception {
        startPipeline(run, true);
    }

    /** @param untilReady wait for each service's readiness, or only for its liveness (a dependency is down) */
    private void startPipeline(String run, boolean untilReady) throws Exception {
        this.run = run;
        int emulatorPort = JavaService.freePort();
        int scoringPort = JavaService.freePort();
        PipelineEnvironment env = new PipelineEnvironment(emulatorPort, scoringPort);
        Map<String, String> common = Map.of(
                "RABBITMQ_HOST", "localhost",
                "RABBITMQ_PORT", Integer.toString(RABBIT_PORT),
                "RABBITMQ_VIRTUAL_HOST", "/",
                "QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", infra.reactiveUrl());
        Map<String, String> scoring = defaults(env.scoring(), common);
        Map<String, String> lifecycle = defaults(env.lifecycle(), common);
        Map<String, String> collector = defaults(env.collector(), common);
        Map<String, String> orderbook = new HashMap<>(common);
        orderbook.put("ORDERBOOK_CACHE_KEY_PREFIX", "obfault");

        add("emulator", "emulator", emulatorPort, Map.of());
        add("scoring", "scoring-service", scoringPort, scoring);
        add("lifecycle", "lifecycle-service", JavaService.freePort(), lifecycle);
        add("orderbook", "orderbook-service", JavaService.freePort(), orderbook);
        add("collector", "collector-service", JavaService.freePort(), collector);
        for (JavaService s : services.values()) {
            if (untilReady) {
                s.start(Duration.ofSeconds(120));
            } else {
                s.startLive(Duration.ofSeconds(120));
            }
        }
    }

    private void add(String name, String module, int port, Map<String, String> env) {
        environments.put(name, env);
        services.put(name, new JavaService("fault-" + run + "-" + name, JavaService.jarOf(module), port, env));
    }

    /** The same service again, on the same port with the same settings (its log continues). */
    private void restart(String name) throws Exception {
        JavaService old = services.get(name);
        String module = name.equals("emulator") ? "emulator" : name + "-service";
        JavaService again = new JavaService("fault-" + run + "-" + name, JavaService.jarOf(module), old.port(),
                environments.get(name));
        services.put(name, again);
        again.start(Duration.ofSeconds(120));
    }

    /** The system test environment with its e2e queue names dropped: the private broker is ours alone. */
    private static Map<String, String> defaults(Map<String, String> env, Map<String, String> common) {
        Map<String, String> result = new HashMap<>(env);
        result.keySet().removeIf(k -> k.endsWith("_QUEUE"));
        result.putAll(common);
        return result;
    }

    /** Tokens migrate and minute rows are written before the first fault. */
    private void warmUp() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() ->
                count("SELECT count(*) FROM lifecycle.tokens") > 0 && count("SELECT count(*) FROM orderbook.minute_bands") > 0);
    }

    // ---- checks -----------------------------------------------------------------------------------

    private void verifyNothingLostNothingTwice(String run) throws Exception {
        // the producer stops first, then every consumer drains its queue and stops gracefully (flushing
        // its open minutes), as deploy/stop.sh does
        int collectorExit = services.get("collector").terminate(Duration.ofSeconds(30));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(this::workQueuesEmpty);
        Map<String, Integer> exits = new LinkedHashMap<>();
        exits.put("collector", collectorExit);
        for (String name : List.of("orderbook", "lifecycle", "scoring")) {
            exits.put(name, services.get(name).terminate(Duration.ofSeconds(30)));
        }

        // tokens: every token.created on the bus and every migration the collector recorded reached lifecycle once
        Set<String> published = new HashSet<>();
        // the malformed flood's token.created are on the tap too: only readable, storable ones must arrive
        int createdMessages = drain(TOKEN_TAP, body -> {
            String mint = body.path("mint").asText("");
            if (mint.matches("[1-9A-HJ-NP-Za-km-z]{32,44}") && !body.path("name").asText("").contains("\u0000")) {
                published.add(mint);
            }
        });
        Set<String> recorded = strings("SELECT mint FROM collector.migrated_tokens");
        Map<String, Long> firstStatuses = counts(
                "SELECT mint, count(*) FROM lifecycle.status_history WHERE old_status IS NULL GROUP BY mint");
        Set<String> lost = new HashSet<>(published);
        lost.addAll(recorded);
        lost.removeAll(firstStatuses.keySet());
        List<String> twice = firstStatuses.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey).toList();

        // scores: every token.metrics snapshot on the bus was scored, once per (mint, model, fetched_at)
        Set<String> snapshots = new HashSet<>();
        drain(METRICS_TAP, body -> snapshots.add(body.path("mint").asText() + "|" + body.path("fetched_at").asLong()));
        Map<String, Long> scored = counts("SELECT mint || '|' || (extract(epoch FROM fetched_at) * 1000)::bigint, count(*) "
                + "FROM scoring.scores WHERE source = 'metrics' GROUP BY mint, model, fetched_at");
        List<String> unscored = snapshots.stream().filter(k -> !scored.containsKey(k)).sorted().toList();
        List<String> scoredTwice = scored.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey).toList();

        // minutes: every (series, minute) with a book on the bus has its row; no book counted twice
        Map<String, Set<Long>> booksPerMinute = new HashMap<>();
        int marketMessages = drain(MARKET_TAP, body -> {
            if (body.path("orderbook").isObject()) {
                // the message's timestamp decides the minute and identifies the book, as in orderbook-service
                // (a venue's own book time can repeat across polls, so it cannot tell two books apart)
                long ts = body.path("timestamp").asLong();
                String key = body.path("exchange").asText() + "|" + body.path("market").asText() + "|"
                        + body.path("symbol").asText() + "|" + (ts / 60_000 * 60_000);
                booksPerMinute.computeIfAbsent(key, k -> new HashSet<>()).add(ts);
            }
        });
        // the bus carries unified symbols (BTC/USDT:USDT); series.symbol is the venue's, series.unified the bus's
        Map<String, Long> samples = counts("SELECT s.exchange || '|' || s.market || '|' || s.unified || '|' "
                + "|| (extract(epoch FROM m.ts) * 1000)::bigint, m.samples FROM orderbook.minute_bands m "
                + "JOIN orderbook.series s ON s.id = m.series_id");
        // a series' last minute is still open at shutdown: it is checkpointed in open_minutes (written as a
        // row when it closes after the next start), so it is excused only when that checkpoint exists
        Set<String> checkpointed = strings("SELECT s.exchange || '|' || s.market || '|' || s.unified FROM orderbook.open_minutes o "
                + "JOIN orderbook.series s USING (exchange, market, symbol)");
        Map<String, Long> lastMinute = new HashMap<>();
        booksPerMinute.keySet().forEach(k -> lastMinute.merge(seriesOf(k), minuteOf(k), Math::max));
        List<String> missingMinutes = booksPerMinute.keySet().stream().filter(k -> !samples.containsKey(k))
                .filter(k -> !(minuteOf(k) == lastMinute.get(seriesOf(k)) && checkpointed.contains(seriesOf(k))))
                .sorted().toList();
        List<String> overCounted = booksPerMinute.entrySet().stream()
                .filter(e -> samples.getOrDefault(e.getKey(), 0L) > e.getValue().size())
                .map(e -> e.getKey() + " samples " + samples.get(e.getKey()) + " > books " + e.getValue().size()).toList();
        Map<String, Long> deadLettered = deadLetterCounts();

        report.add(String.format("token.created messages on the bus %d (%d mints), migrations recorded %d, "
                        + "in lifecycle %d, lost %d, twice %d", createdMessages, published.size(), recorded.size(),
                firstStatuses.size(), lost.size(), twice.size()));
        report.add(String.format("token.metrics snapshots on the bus %d, unscored %d, scored twice %d", snapshots.size(),
                unscored.size(), scoredTwice.size()));
        report.add(String.format("book messages on the bus %d, (series, minute) pairs %d, minute rows missing %d, "
                + "over-counted %d", marketMessages, booksPerMinute.size(), missingMinutes.size(), overCounted.size()));
        report.add("dead-lettered " + deadLettered + "; exit codes after SIGTERM " + exits);
        if (!missingMinutes.isEmpty()) {
            report.add("missing, first: " + missingMinutes.subList(0, Math.min(5, missingMinutes.size()))
                    + "; stored, first: " + samples.keySet().stream().sorted().limit(5).toList());
        }
        Files.write(Path.of("target", "fault-suite", run + ".txt"), report);
        report.forEach(line -> System.out.println("[fault-suite " + run + "] " + line));

        assertTrue(published.size() > 0, "tokens were migrated during the run");
        assertEquals(Set.of(), lost, "token.created that never reached lifecycle");
        assertEquals(List.of(), twice, "mints recorded more than once by lifecycle");
        assertEquals(List.of(), unscored, "token.metrics snapshots without a score");
        assertEquals(List.of(), scoredTwice, "snapshots scored twice");
        assertTrue(booksPerMinute.size() > 0, "books were published during the run");
        assertEquals(0, missingMinutes.size(), "minutes with books on the bus but no minute row, first: "
                + missingMinutes.subList(0, Math.min(10, missingMinutes.size())));
        assertEquals(0, overCounted.size(), "minutes that counted a book twice, first: "
                + overCounted.subList(0, Math.min(10, overCounted.size())));
        // 143 = 128 + SIGTERM: the JVM's status after its shutdown hooks ran on a SIGTERM
        exits.forEach((name, code) -> assertTrue(code == 0 || code == 143, name + " exits cleanly on SIGTERM: " + code));
    }

    private static String seriesOf(String seriesMinute) {
        return seriesMinute.substring(0, seriesMinute.lastIndexOf('|'));
    }

    private static long minuteOf(String seriesMinute) {
        return Long.parseLong(seriesMinute.substring(seriesMinute.lastIndexOf('|') + 1));
    }

    private Map<String, Long> millisUntilReady(long since) {
        Map<String, Long> ready = new LinkedHashMap<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            services.forEach((name, s) -> {
                if (!ready.containsKey(name) && ready(s)) {
                    ready.put(name, (System.nanoTime() - since) / 1_000_000);
                }
            });
            return ready.size() == services.size();
        });
        return ready;
    }

    private void assertControlAnswers() {
        ControlClient client = new ControlClient(broker());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            ControlRequest request = ControlRequest.of(ControlCommand.GET_SYMBOLS, UUID.randomUUID().toString(),
                    Instant.now().getEpochSecond());
            ControlOutcome outcome = client.call(Topology.CONTROL_QUEUE, request, Duration.ofSeconds(5));
            return outcome instanceof ControlOutcome.Answered answered
                    && Json.MAPPER.readTree(answered.body()).path("success").asBoolean();
        });
    }

    private void assertAllAlive() {
        services.forEach((name, s) -> assertTrue(s.alive(), name + " is still running"));
    }

    private static boolean ready(JavaService s) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(s.url("/q/health/ready")))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- broker and database reads ----------------------------------------------------------------

    private AmqpSettings broker() {
        return new AmqpSettings("localhost", RABBIT_PORT, "guest", "guest", "/");
    }

    private boolean workQueuesEmpty() throws Exception {
        try (Connection c = broker().open("fault-suite-depth"); Channel ch = c.createChannel()) {
            for (String queue : WORK_QUEUES) {
                if (ch.queueDeclarePassive(queue).getMessageCount() > 0) {
                    return false;
                }
            }
            return true;
        }
    }


    private long queueDepth(String queue) throws Exception {
        try (Connection c = broker().open("fault-suite-depth"); Channel ch = c.createChannel()) {
            return ch.queueDeclarePassive(queue).getMessageCount();
        }
    }

    /** Deliveries handed to consumers and not yet acknowledged (rabbitmqctl list_queues messages_unacknowledged). */
    private long unacknowledged(String queue) throws Exception {
        Process p = new ProcessBuilder("rabbitmqctl", "-q", "-n", "fault" + RABBIT_PORT + "@localhost", "list_queues",
                "name", "messages_unacknowledged").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.lines().map(l -> l.trim().split("\\s+")).filter(f -> f.length == 2 && f[0].equals(queue))
                .mapToLong(f -> Long.parseLong(f[1])).findFirst().orElse(0);
    }

    private Map<String, Long> deadLetterCounts(Set<String> deadLetterQueues) throws Exception {
        Map<String, Long> result = new TreeMap<>();
        try (Connection c = broker().open("fault-suite-dlq")) {
            for (String dlq : deadLetterQueues) {
                try (Channel ch = c.createChannel()) {
                    result.put(dlq, (long) ch.queueDeclarePassive(dlq).getMessageCount());
                } catch (IOException missing) {
                    result.put(dlq, 0L);
                }
            }
        }
        return result;
    }

    /** Reads a dead-letter queue without consuming it (nacked back); counts those with a reason header. */
    private long countWithReason(String dlq) throws Exception {
        long n = 0;
        try (Connection c = broker().open("fault-suite-reasons"); Channel ch = c.createChannel()) {
            ch.basicQos(0);
            GetResponse r;
            List<Long> tags = new ArrayList<>();
            while ((r = ch.basicGet(dlq, false)) != null) {
                tags.add(r.getEnvelope().getDeliveryTag());
                Map<String, Object> headers = r.getProps().getHeaders();
                if (headers != null && headers.get(Topology.DEAD_LETTER_REASON_HEADER) != null) {
                    n++;
                }
            }
            if (!tags.isEmpty()) {
                ch.basicNack(tags.get(tags.size() - 1), true, true);
            }
        }
        return n;
    }

    private int drainReplies(String queue, Map<String, Long> errorCodes) throws Exception {
        return drain(queue, body -> {
            String code = body.path("success").asBoolean() ? "success" : body.path("error").asText("none");
            errorCodes.merge(code, 1L, Long::sum);
        });
    }

    private Map<String, Long> deadLetterCounts() throws Exception {
        Map<String, Long> result = new TreeMap<>();
        try (Connection c = broker().open("fault-suite-dlq")) {
            for (String queue : WORK_QUEUES) {
                try (Channel ch = c.createChannel()) {
                    result.put(Topology.deadLetterQueue(queue),
                            (long) ch.queueDeclarePassive(Topology.deadLetterQueue(queue)).getMessageCount());
                } catch (IOException missing) {
                    result.put(Topology.deadLetterQueue(queue), 0L);
                }
            }
        }
        return result;
    }

    interface BodyConsumer {
        void accept(JsonNode body) throws Exception;
    }

    /** Reads a tap to its end; returns how many messages it held. */
    private int drain(String queue, BodyConsumer consumer) throws Exception {
        int n = 0;
        try (Connection c = broker().open("fault-suite-drain"); Channel ch = c.createChannel()) {
            GetResponse r;
            while ((r = ch.basicGet(queue, true)) != null) {
                JsonNode body;
                try {
                    body = Json.MAPPER.readTree(r.getBody());
                } catch (IOException unreadable) {
                    body = null; // the malformed flood
                }
                if (body != null && body.isObject()) {
                    consumer.accept(body);
                }
                n++;
            }
        }
        return n;
    }

    private java.sql.Connection db() throws Exception {
        return DriverManager.getConnection(infra.jdbcUrl(), "marketdata", "marketdata");
    }

    private long count(String sql) {
        try (java.sql.Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return 0; // a schema not migrated yet
        }
    }

    private Set<String> strings(String sql) throws Exception {
        Set<String> result = new HashSet<>();
        try (java.sql.Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    private Map<String, Long> counts(String sql) throws Exception {
        Map<String, Long> result = new HashMap<>();
        try (java.sql.Connection c = db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getLong(2));
            }
        }
        return result;
    }
}
