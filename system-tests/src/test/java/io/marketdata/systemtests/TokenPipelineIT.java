package io.marketdata.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import io.marketdata.cli.AmqpSettings;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.Topology;
import io.marketdata.orderbook.support.JavaService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The token pipeline over the real broker, with every service packaged and run as deploy/run.sh runs
 * it: emulator (PumpPortal + DexScreener) → collector-service (migration listener, DexScreener
 * poller) → lifecycle-service and scoring-service → {@code token.created}, {@code token.metrics},
 * {@code score.updated}, {@code token.status_changed} monitoring → active, and a settings change made
 * through the scoring-service's settings API reaching the collector's refresh cadence.
 */
class TokenPipelineIT {

    private static final String VHOST = PipelineEnvironment.VHOST;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One message seen on token_events, with the time this test received it. */
    record Seen(String routingKey, JsonNode body, long receivedAt) {
    }

    @Test
    void migrationToScoreToActive() throws Exception {
        PipelineEnvironment.dropTokenSchemas();
        int emulatorPort = JavaService.freePort();
        int scoringPort = JavaService.freePort();
        PipelineEnvironment env = new PipelineEnvironment(emulatorPort, scoringPort);
        Map<String, String> common = env.common();
        Map<String, String> scoringEnv = env.scoring();
        Map<String, String> lifecycleEnv = env.lifecycle();
        Map<String, String> collectorEnv = env.collector();

        List<Seen> seen = new CopyOnWriteArrayList<>();
        List<String> invalid = new CopyOnWriteArrayList<>();
        SchemaValidator validator = SchemaValidator.get();
        AmqpSettings amqp = new AmqpSettings("localhost", 5672, "guest", "guest", VHOST);
        try (Connection conn = amqp.open("token-pipeline-it");
             JavaService emu = new JavaService("emulator", JavaService.jarOf("emulator"), emulatorPort, Map.of());
             JavaService scoring = new JavaService("scoring-e2e", JavaService.jarOf("scoring-service"), scoringPort, scoringEnv);
             JavaService lifecycle = new JavaService("lifecycle-e2e", JavaService.jarOf("lifecycle-service"),
                     JavaService.freePort(), lifecycleEnv);
             JavaService collector = new JavaService("collector-e2e", JavaService.jarOf("collector-service"),
                     JavaService.freePort(), collectorEnv)) {
            Channel ch = conn.createChannel();
            // durable queues of an earlier run would have collected other tests' messages meanwhile
            for (String queue : List.of("scoring.token_events.e2e", "lifecycle.token_events.e2e", "collector.token_events.e2e")) {
                ch.queueDelete(queue);
                ch.queueDelete(Topology.deadLetterQueue(queue));
            }
            ch.exchangeDeclare(Topology.TOKEN_EVENTS_EXCHANGE, "topic", true);
            String tap = ch.queueDeclare("", false, true, true, null).getQueue();
            ch.queueBind(tap, Topology.TOKEN_EVENTS_EXCHANGE, "#");
            DeliverCallback record = (tag, delivery) -> {
                String key = delivery.getEnvelope().getRoutingKey();
                MessageType type = typeOf(key);
                List<String> errors = validator.validate(type, delivery.getBody());
                if (!errors.isEmpty()) {
                    invalid.add(key + ": " + errors);
                }
                seen.add(new Seen(key, Json.MAPPER.readTree(delivery.getBody()), System.currentTimeMillis()));
            };
            ch.basicConsume(tap, true, record, tag -> { });

            emu.start(Duration.ofSeconds(90));
            scoring.start(Duration.ofSeconds(90));
            lifecycle.start(Duration.ofSeconds(90));
            collector.start(Duration.ofSeconds(90));

            // an administrator shortens the refresh cadence through the settings API; every service follows
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(env.settingsUrl()))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"hot_interval_seconds\": 5, \"cold_interval_seconds\": 10}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), put.body());
            await().atMost(Duration.ofSeconds(10)).until(() -> !of(seen, RoutingKeys.SETTINGS_UPDATED).isEmpty());

            // a migration frame → token.created → monitoring → token.metrics → score.updated
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !scoredMints(seen).isEmpty());
            String mint = scoredMints(seen).get(0);
            List<String> stepsForMint = seen.stream().filter(s -> mint.equals(s.body().path("mint").asText()))
                    .map(Seen::routingKey).distinct().toList();
            assertEquals(List.of(RoutingKeys.TOKEN_CREATED, RoutingKeys.TOKEN_STATUS_CHANGED, RoutingKeys.TOKEN_METRICS,
                    RoutingKeys.SCORE_UPDATED), stepsForMint.subList(0, 4), "the order of the first events of " + mint);
            JsonNode score = of(seen, RoutingKeys.SCORE_UPDATED).stream()
                    .filter(x -> mint.equals(x.body().path("mint").asText())).findFirst().orElseThrow().body();
            assertEquals("hybrid_momentum", score.path("model").asText());
            assertTrue(score.path("smoothed_components").size() > 0 || score.path("data_quality").asText().startsWith("fallback"));

            // a rocket activates within minutes of its migration (emulator fates, SPEC §12 demo pacing)
            await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> activations(seen).findAny().isPresent());
            JsonNode activation = activations(seen).findFirst().orElseThrow().body();
            assertEquals("monitoring", activation.path("old_status").asText());
            assertEquals("activation", activation.path("reason").asText());
            String active = activation.path("mint").asText();

            JsonNode tokens = Json.MAPPER.readTree(get(lifecycle.url("/api/tokens?status=active")));
            assertTrue(tokens.toString().contains(active), "lifecycle lists " + active + " as active: " + tokens);
            JsonNode history = Json.MAPPER.readTree(get(lifecycle.url("/api/tokens/" + active + "/history")));
            assertTrue(history.toString().contains("activation"), history.toString());
            JsonNode scores = Json.MAPPER.readTree(get(scoring.url("/api/scores/" + active)));
            assertFalse(scores.toString().isBlank());

            // the shorter cadence reached the collector: the same mint was fetched again within seconds
            long metricsForMint = seen.stream().filter(s -> s.routingKey().equals(RoutingKeys.TOKEN_METRICS)
                    && s.body().path("mint").asText().equals(active)).count();
            assertTrue(metricsForMint >= 2, "metrics of " + active + " refreshed: " + metricsForMint);

            assertEquals(List.of(), invalid, "every message on token_events is schema-valid");
            writeLatencies(seen);
        }
    }

    private static MessageType typeOf(String routingKey) {
        return switch (routingKey) {
            case RoutingKeys.TOKEN_CREATED -> MessageType.TOKEN_CREATED;
            case RoutingKeys.TOKEN_METRICS -> MessageType.TOKEN_METRICS;
            case RoutingKeys.TOKEN_STATUS_CHANGED -> MessageType.TOKEN_STATUS_CHANGED;
            case RoutingKeys.SCORE_UPDATED -> MessageType.SCORE_UPDATED;
            case RoutingKeys.TOKEN_REFRESH_REQUESTED -> MessageType.TOKEN_REFRESH_REQUESTED;
            case RoutingKeys.SETTINGS_UPDATED -> MessageType.SETTINGS_UPDATED;
            default -> throw new IllegalArgumentException("not a token_events routing key: " + routingKey);
        };
    }

    /** Activations of tokens migrated during this test. */
    private static java.util.stream.Stream<Seen> activations(List<Seen> seen) {
        List<String> created = createdMints(seen);
        return seen.stream().filter(s -> s.routingKey().equals(RoutingKeys.TOKEN_STATUS_CHANGED)
                && s.body().path("new_status").asText().equals("active") && created.contains(s.body().path("mint").asText()));
    }

    private static List<String> createdMints(List<Seen> seen) {
        return of(seen, RoutingKeys.TOKEN_CREATED).stream().map(s -> s.body().path("mint").asText()).toList();
    }

    /** Mints migrated during this test with a score.updated, in the order of their first score. */
    private static List<String> scoredMints(List<Seen> seen) {
        List<String> created = createdMints(seen);
        return of(seen, RoutingKeys.SCORE_UPDATED).stream().map(s -> s.body().path("mint").asText())
                .filter(created::contains).distinct().toList();
    }

    private static List<Seen> of(List<Seen> seen, String routingKey) {
        return seen.stream().filter(s -> s.routingKey().equals(routingKey)).toList();
    }

    /**
     * Migration → first score, per mint: from token.created (the collector stamps migrated_at on
     * receipt of the frame) to the arrival of the first score.updated here. Written to
     * target/token-pipeline-latency.txt for docs/benchmarks.md; not asserted (no timing assertions).
     */
    private static void writeLatencies(List<Seen> seen) throws IOException {
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> firstScore = new HashMap<>();
        for (Seen s : seen) {
            String mint = s.body().path("mint").asText();
            if (s.routingKey().equals(RoutingKeys.TOKEN_CREATED)) {
                created.putIfAbsent(mint, s.body().path("migrated_at").asLong());
            } else if (s.routingKey().equals(RoutingKeys.SCORE_UPDATED)) {
                firstScore.putIfAbsent(mint, s.receivedAt());
            }
        }
        List<Long> latencies = new ArrayList<>();
        created.forEach((mint, at) -> {
            Long scored = firstScore.get(mint);
            if (scored != null) {
                latencies.add(scored - at);
            }
        });
        latencies.sort(Long::compare);
        String line = latencies.isEmpty() ? "no token scored" : String.format(
                "migration -> first score.updated over %d tokens: min %d ms, median %d ms, max %d ms%n",
                latencies.size(), latencies.get(0), latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
        System.out.print(line);
        Files.writeString(Path.of("target", "token-pipeline-latency.txt"), line);
    }


    private static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + " → " + r.body());
        return r.body();
    }
}
