package io.marketdata.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.marketdata.contracts.Json;
import io.marketdata.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Proxied reads. Each answer is kept for a short, per-route time and shared by every client asking
 * meanwhile (one call to the service per key and period, however many clients poll). A successful
 * answer is also stored in Redis as the key's "last good" answer; when the service fails (after its
 * guard's retries, or at once with its circuit open), the route's own fallback is tried (e.g. the
 * orderbook's hot cache), then the last good answer, both marked degraded; with neither, a 503.
 */
@ApplicationScoped
public class Proxy {

    private static final Logger LOG = Logger.getLogger(Proxy.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

    @Inject
    Upstream upstream;
    @Inject
    Redis redis;
    @Inject
    GatewayConfig config;
    @Inject
    MeterRegistry registry;

    private AsyncCache<String, Timed> cache;
    private Counter degraded;
    private Counter unavailable;

    private record Timed(Answer answer, long ttlNanos) {
    }

    @PostConstruct
    void init() {
        cache = Caffeine.newBuilder().maximumSize(20_000)
                .expireAfter(Expiry.<String, Timed>creating((key, value) -> Duration.ofNanos(value.ttlNanos())))
                .buildAsync();
        degraded = Counter.builder("gateway_degraded_answers_total")
                .description("answers served from a fallback because a service failed").register(registry);
        unavailable = Counter.builder("gateway_unavailable_answers_total")
                .description("503 answers: a service failed and no fallback existed").register(registry);
    }

    /** A GET of {@code pathAndQuery} on {@code service}, shared for {@code ttl}, with the last good answer as fallback. */
    public Uni<Answer> get(Service service, String pathAndQuery, Duration ttl, String requestId) {
        return get(service, pathAndQuery, ttl, requestId, reason -> Uni.createFrom().item(Optional.empty()));
    }

    /** As {@link #get(Service, String, Duration, String)}, trying {@code fallback} (given the failure) before the last good answer. */
    public Uni<Answer> get(Service service, String pathAndQuery, Duration ttl, String requestId,
            Function<String, Uni<Optional<Answer>>> fallback) {
        String key = service.name() + pathAndQuery;
        return Uni.createFrom().completionStage(() -> cache.get(key, (k, executor) ->
                        fetch(service, pathAndQuery, requestId, fallback).map(a -> new Timed(a, ttl.toNanos()))
                                .subscribeAsCompletionStage()))
                .map(t -> t.answer().withRequestId(requestId));
    }

    /** Uncached: always asks the service (the same fallbacks). */
    public Uni<Answer> fetch(Service service, String pathAndQuery, String requestId,
            Function<String, Uni<Optional<Answer>>> fallback) {
        return upstream.get(service, pathAndQuery, requestId)
                .invoke(r -> {
                    if (r.ok()) {
                        storeLastGood(service, pathAndQuery, r);
                    }
                })
                .map(Answer::of)
                .onFailure(UpstreamUnavailableException.class).recoverWithUni(e -> fallback.apply(e.getMessage())
                        .onFailure().recoverWithItem(Optional.empty())
                        .flatMap(own -> own.isPresent() ? Uni.createFrom().item(own.get())
                                : lastGood(service, pathAndQuery, e.getMessage()))
                        .onItem().ifNull().continueWith(() -> Answer.unavailable(service, e.getMessage(), requestId))
                        .invoke(a -> (a.status() == 503 ? unavailable : degraded).increment()));
    }

    private String lastGoodKey(Service service, String pathAndQuery) {
        return config.redis().prefix() + ":last-good:" + service.name().toLowerCase() + ":" + pathAndQuery;
    }

    private void storeLastGood(Service service, String pathAndQuery, UpstreamResponse r) {
        ObjectNode stored = Json.MAPPER.createObjectNode();
        stored.put("at", System.currentTimeMillis());
        stored.put("content_type", r.contentType());
        stored.put("body", r.text());
        redis.send(Request.cmd(Command.SET).arg(lastGoodKey(service, pathAndQuery))
                        .arg(stored.toString()).arg("EX").arg(Long.toString(config.upstream().lastGoodTtl().toSeconds())))
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .subscribe().with(ok -> { }, e -> LOG.debugf("last good answer not stored: %s", e.getMessage()));
    }

    private Uni<Answer> lastGood(Service service, String pathAndQuery, String reason) {
        return redis.send(Request.cmd(Command.GET).arg(lastGoodKey(service, pathAndQuery)))
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .map(r -> {
                    if (r == null) {
                        return null;
                    }
                    try {
                        JsonNode stored = Json.MAPPER.readTree(r.toString());
                        return Answer.degraded(stored.path("content_type").asText("application/json"),
                                stored.path("body").asText().getBytes(StandardCharsets.UTF_8), "last-good", reason,
                                System.currentTimeMillis() - stored.path("at").asLong());
                    } catch (IOException e) {
                        return null;
                    }
                })
                .onFailure().recoverWithNull();
    }
}
