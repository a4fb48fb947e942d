package io.marketdata.gateway.markets;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.marketdata.contracts.Json;
import io.marketdata.gateway.config.GatewayConfig;
import io.marketdata.gateway.http.ApiException;
import io.marketdata.gateway.markets.MarketsSelection.Pool;
import io.marketdata.gateway.markets.MarketsSelection.Result;
import io.marketdata.gateway.markets.MarketsSelection.Thresholds;
import io.marketdata.gateway.markets.MarketsSelection.Token;
import io.marketdata.gateway.upstream.Answer;
import io.marketdata.gateway.upstream.Proxy;
import io.marketdata.gateway.upstream.Service;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the NotArb markets file from scoring-service's settings and lifecycle-service's tokens and
 * pools (all through {@link Proxy}: short cache, last good answer as fallback), and keeps the
 * rendering for {@code gateway.cache.markets-file}, shared by every client and both forms, so a bot
 * polling every second costs one render per period.
 */
@ApplicationScoped
public class MarketsFileService {

    static final String SETTINGS_PATH = "/api/settings";
    /** Lifecycle sorts by smoothed score, ties by mint: the candidates are at the front. */
    static final int TOKENS_LIMIT = 200;
    static final String TOKENS_PATH = "/api/tokens?status=active&sort=score&order=desc&limit=" + TOKENS_LIMIT;
    private static final String KEY = "markets-file";

    @Inject
    Proxy proxy;
    @Inject
    GatewayConfig config;
    @Inject
    MeterRegistry registry;

    /** Failures are kept for the period too: a failing service needs no more calls (and Caffeine logs failed loads). */
    private record Outcome(MarketsFile file, RuntimeException failure) {
    }

    /** Periods after which a rendering is no longer served while the next one is made. */
    private static final int REFRESH_LIMIT = 10;

    private AsyncLoadingCache<String, Outcome> cache;
    private Counter renders;
    private final AtomicInteger groups = new AtomicInteger();
    /** The previous rendering, for Last-Modified. */
    private final AtomicReference<MarketsFile> previous = new AtomicReference<>();

    @PostConstruct
    void init() {
        // refresh-ahead: once a rendering is a period old, the next request gets it at once while a
        // new one is made in the background, so a polling bot never waits for the services; a
        // rendering older than REFRESH_LIMIT periods (nobody asked for a while) is not served
        Duration period = config.cache().marketsFile();
        cache = Caffeine.newBuilder().refreshAfterWrite(period).expireAfterWrite(period.multipliedBy(REFRESH_LIMIT))
                .buildAsync((key, executor) -> outcome(render("markets-refresh")));
        renders = Counter.builder("gateway_markets_file_renders_total")
                .description("renderings of the NotArb markets file (at most one per cache period)").register(registry);
        registry.gauge("gateway_markets_file_groups", groups);
    }

    /** The current file: the cached rendering, or a new one; fails with an {@link ApiException} (502/503). */
    public Uni<MarketsFile> current(String requestId) {
        return Uni.createFrom().completionStage(() -> cache.get(KEY, (key, executor) -> outcome(render(requestId))))
                .map(outcome -> {
                    if (outcome.failure() != null) {
                        throw outcome.failure();
                    }
                    return outcome.file();
                });
    }

    private static java.util.concurrent.CompletableFuture<Outcome> outcome(Uni<MarketsFile> rendering) {
        return rendering.map(file -> new Outcome(file, null))
                .onFailure().recoverWithItem(e -> new Outcome(null, e instanceof RuntimeException r ? r : new IllegalStateException(e)))
                .subscribeAsCompletionStage();
    }

    private Uni<MarketsFile> render(String requestId) {
        Duration ttl = config.cache().marketsFile();
        ConcurrentLinkedQueue<String> reasons = new ConcurrentLinkedQueue<>();
        return Uni.combine().all()
                .unis(proxy.get(Service.SCORING, SETTINGS_PATH, ttl, requestId),
                        proxy.get(Service.LIFECYCLE, TOKENS_PATH, ttl, requestId))
                .asTuple()
                .flatMap(inputs -> {
                    Thresholds thresholds = thresholds(usable(Service.SCORING, SETTINGS_PATH, inputs.getItem1(), reasons));
                    List<Token> tokens = tokens(usable(Service.LIFECYCLE, TOKENS_PATH, inputs.getItem2(), reasons));
                    List<Token> candidates = MarketsSelection.candidates(tokens, thresholds);
                    return pools(candidates, ttl, requestId, reasons).map(pools -> {
                        Result result = MarketsSelection.groups(candidates, pools);
                        return finish(result, thresholds, reasons.isEmpty() ? null : String.join("; ", reasons));
                    });
                });
    }

    private MarketsFile finish(Result result, Thresholds thresholds, String degradedReason) {
        result.skipped().forEach((reason, n) ->
                registry.counter("gateway_markets_pools_skipped_total", "reason", reason).increment(n));
        renders.increment();
        groups.set(result.groups().size());
        MarketsFile file = MarketsFile.render(result.groups(), thresholds, Instant.now(), degradedReason);
        MarketsFile before = previous.get();
        if (before != null && before.etag().equals(file.etag())) {
            file = file.unchangedSince(before.lastModified());
        }
        previous.set(file);
        return file;
    }

    /** The pools of each candidate, fetched in parallel; a candidate whose pools cannot be had gets none. */
    private Uni<Map<String, List<Pool>>> pools(List<Token> candidates, Duration ttl, String requestId,
            ConcurrentLinkedQueue<String> reasons) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<Map.Entry<String, List<Pool>>>> calls = new ArrayList<>();
        for (Token token : candidates) {
            String path = "/api/tokens/" + token.mint() + "/pools";
            calls.add(proxy.get(Service.LIFECYCLE, path, ttl, requestId)
                    .map(answer -> Map.entry(token.mint(), poolsOf(token, path, answer, reasons)))
                    .onFailure().recoverWithItem(e -> {
                        reasons.add("pools of " + token.mint() + " failed: " + e.getMessage());
                        return Map.entry(token.mint(), List.of());
                    }));
        }
        return Uni.join().all(calls).andFailFast().map(entries -> {
            Map<String, List<Pool>> pools = new HashMap<>();
            entries.forEach(e -> pools.put(e.getKey(), e.getValue()));
            return pools;
        });
    }

    /** A 404 (token gone meanwhile) is no pools; an unusable answer leaves the token out and marks the file degraded. */
    private static List<Pool> poolsOf(Token token, String path, Answer answer, ConcurrentLinkedQueue<String> reasons) {
        if (answer.status() == 404) {
            return List.of();
        }
        if (answer.status() != 200) {
            reasons.add("pools of " + token.mint() + " unavailable (HTTP " + answer.status() + ")");
            return List.of();
        }
        if (answer.degraded()) {
            reasons.add(Service.LIFECYCLE.displayName() + " " + path + " from " + answer.source());
        }
        List<Pool> pools = new ArrayList<>();
        for (JsonNode p : parse(Service.LIFECYCLE, path, answer).path("pools")) {
            pools.add(new Pool(p.path("address").asText(null), p.path("dex").asText(null),
                    p.path("liquidity_usd").isNumber() ? p.path("liquidity_usd").asDouble() : null,
                    p.path("tradeable").asBoolean(false), p.path("active").asBoolean(false)));
        }
        return pools;
    }

    /** The answer's JSON when it is a 200; a 503 (no fallback either) or anything else fails the render. */
    private static JsonNode usable(Service service, String path, Answer answer, ConcurrentLinkedQueue<String> reasons) {
        if (answer.status() == 503) {
            throw new ApiException(503, "service_unavailable", messageOf(answer,
                    service.displayName() + " is unavailable") + "; the markets file cannot be built", null);
        }
        if (answer.status() != 200) {
            throw new ApiException(502, "bad_gateway",
                    service.displayName() + " answered HTTP " + answer.status() + " to GET " + path, null);
        }
        if (answer.degraded()) {
            reasons.add(service.displayName() + " " + path + " from " + answer.source());
        }
        return parse(service, path, answer);
    }

    private static JsonNode parse(Service service, String path, Answer answer) {
        try {
            return Json.MAPPER.readTree(answer.body());
        } catch (IOException e) {
            throw new ApiException(502, "bad_gateway",
                    service.displayName() + " answered GET " + path + " with invalid JSON", null);
        }
    }

    private static String messageOf(Answer answer, String otherwise) {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(answer.body()).path("message").textValue()).orElse(otherwise);
        } catch (IOException e) {
            return otherwise;
        }
    }

    /** Missing settings keep the seed defaults (the owner validates what it publishes). */
    static Thresholds thresholds(JsonNode settingsAnswer) {
        JsonNode s = settingsAnswer.path("settings");
        Thresholds d = Thresholds.defaults();
        JsonNode min = s.path("min_score_for_config");
        JsonNode top = s.path("config_top_count");
        return new Thresholds(min.isNumber() ? min.asDouble() : d.minScoreForConfig(),
                top.isNumber() ? Math.min(top.asInt(), TOKENS_LIMIT) : d.configTopCount());
    }

    static List<Token> tokens(JsonNode tokensAnswer) {
        List<Token> tokens = new ArrayList<>();
        for (JsonNode t : tokensAnswer.path("tokens")) {
            JsonNode score = t.path("smoothed_score");
            tokens.add(new Token(t.path("mint").asText(null), t.path("symbol").asText(null), t.path("name").asText(null),
                    t.path("status").asText(null), score.isNumber() ? score.asDouble() : null));
        }
        return tokens;
    }
}
