package io.marketdata.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.marketdata.contracts.Json;
import io.marketdata.gateway.config.GatewayConfig;
import io.marketdata.gateway.upstream.Service;
import io.marketdata.gateway.upstream.Upstream;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The health matrix of {@code GET /health} (SPEC §9.1, seed "crypto-ai-bot"): every service (its
 * readiness endpoint), RabbitMQ, PostgreSQL and Redis (a real round trip each), and every feed the
 * collector reports (each exchange loop, PumpPortal, DexScreener), each with a verdict
 * {@code healthy | degraded | unhealthy}, its latency and a detail. Overall: {@code unhealthy} when
 * RabbitMQ or PostgreSQL is (nothing moves without them), else {@code degraded} when anything is not
 * healthy. Computed at most once per {@code gateway.cache.health}, however many clients ask.
 */
@ApplicationScoped
public class HealthMatrix {

    public static final String HEALTHY = "healthy";
    public static final String DEGRADED = "degraded";
    public static final String UNHEALTHY = "unhealthy";
    private static final Set<String> CRITICAL = Set.of("rabbitmq", "postgresql");
    private static final Set<String> VERDICTS = Set.of(HEALTHY, DEGRADED, UNHEALTHY, "disabled");
    /** A dependency slower than this is reported degraded. */
    private static final long SLOW_MS = 1_000;

    @Inject
    Upstream upstream;
    @Inject
    Redis redis;
    @Inject
    Pool postgres;
    @Inject
    GatewayConfig config;
    @Inject
    HealthCenter messaging;

    private AsyncLoadingCache<String, Map<String, Object>> cache;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Component(String group, String status, Double latencyMs, String detail) {
    }

    @PostConstruct
    void init() {
        cache = Caffeine.newBuilder().expireAfterWrite(config.cache().health())
                .buildAsync((key, executor) -> compute().subscribeAsCompletionStage());
    }

    public Uni<Map<String, Object>> current() {
        return Uni.createFrom().completionStage(() -> cache.get("matrix"));
    }

    Uni<Map<String, Object>> compute() {
        List<Uni<Map<String, Component>>> parts = new ArrayList<>();
        for (Service s : Service.values()) {
            parts.add(service(s).map(c -> Map.of(s.displayName(), c)));
        }
        parts.add(timed("infrastructure", redis.send(Request.cmd(Command.PING)).replaceWith("PONG"))
                .map(c -> Map.of("redis", c)));
        parts.add(timed("infrastructure", postgres.query("SELECT 1").execute().replaceWith("SELECT 1 answered"))
                .map(c -> Map.of("postgresql", c)));
        parts.add(timed("infrastructure", Uni.createFrom().item(this::rabbitChannels)).map(c -> Map.of("rabbitmq", c)));
        parts.add(feeds());
        return Uni.join().all(parts).andFailFast().map(maps -> {
            Map<String, Component> components = new LinkedHashMap<>();
            maps.forEach(components::putAll);
            String overall = HEALTHY;
            for (var e : components.entrySet()) {
                String st = e.getValue().status();
                if (st.equals(UNHEALTHY) && CRITICAL.contains(e.getKey())) {
                    overall = UNHEALTHY;
                } else if (!st.equals(HEALTHY) && !st.equals("disabled") && overall.equals(HEALTHY)) {
                    overall = DEGRADED;
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", overall);
            out.put("checked_at", System.currentTimeMillis());
            out.put("components", components);
            return out;
        });
    }

    /** A service's readiness, and whether the gateway's circuit to it is open. */
    private Uni<Component> service(Service s) {
        long start = System.nanoTime();
        return upstream.probe(s, "/q/health/ready").map(r -> {
            double ms = (System.nanoTime() - start) / 1e6;
            CircuitBreakerState circuit = upstream.circuit(s);
            String status = r.status() == 200 ? (ms > SLOW_MS || circuit != CircuitBreakerState.CLOSED ? DEGRADED : HEALTHY)
                    : DEGRADED;
            String detail = r.status() == 200 ? "ready" : "answers but not ready (HTTP " + r.status() + ")";
            if (circuit != CircuitBreakerState.CLOSED) {
                detail += ", gateway circuit " + circuit.name().toLowerCase();
            }
            return new Component("service", status, round(ms), detail);
        }).onFailure().recoverWithItem(e -> new Component("service", UNHEALTHY, null, "unreachable: " + e.getMessage()));
    }

    /** Every feed verdict the collector's wellness checks carry ("healthy, …" / "degraded, …" / …). */
    private Uni<Map<String, Component>> feeds() {
        return upstream.probe(Service.COLLECTOR, "/q/health/well").map(r -> {
            Map<String, Component> out = new LinkedHashMap<>();
            JsonNode checks = parse(r.body()).path("checks");
            for (JsonNode check : checks) {
                check.path("data").fields().forEachRemaining(e -> {
                    String text = e.getValue().asText("");
                    String verdict = text.split(",", 2)[0].trim();
                    if (!e.getKey().contains(".") && e.getValue().isTextual() && VERDICTS.contains(verdict)) {
                        String detail = text.contains(",") ? text.substring(text.indexOf(',') + 1).trim() : verdict;
                        out.put("feed." + e.getKey(), new Component("feed", verdict, null, detail));
                    }
                });
            }
            return out;
        }).onFailure().recoverWithItem(e -> Map.of("feeds", new Component("feed", UNHEALTHY, null,
                "collector-service unreachable: feeds unknown")));
    }

    private static <T> Uni<Component> timed(String group, Uni<T> check) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return check.ifNoItem().after(Duration.ofSeconds(2)).fail().map(detail -> {
                double ms = (System.nanoTime() - start) / 1e6;
                return new Component(group, ms > SLOW_MS ? DEGRADED : HEALTHY, round(ms), String.valueOf(detail));
            }).onFailure().recoverWithItem(e -> new Component(group, UNHEALTHY, null, String.valueOf(e.getMessage())));
        });
    }

    /**
     * The gateway's own RabbitMQ channels as the SmallRye connector reports them (connection up,
     * channel open, consumer attached): every one ready → reachable and serving; else which are not.
     */
    private String rabbitChannels() {
        List<HealthReport.ChannelInfo> channels = messaging.getReadiness().getChannels();
        List<String> down = channels.stream().filter(c -> !c.isOk())
                .map(c -> c.getChannel() + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")")).toList();
        if (channels.isEmpty() || !down.isEmpty()) {
            throw new IllegalStateException(channels.isEmpty() ? "no RabbitMQ channel started"
                    : "not connected: " + String.join(", ", down));
        }
        return channels.size() + " channels connected";
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }

    private static Double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
