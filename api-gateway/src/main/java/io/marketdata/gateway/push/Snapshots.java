package io.marketdata.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.gateway.config.GatewayConfig;
import io.marketdata.gateway.upstream.Answer;
import io.marketdata.gateway.upstream.Proxy;
import io.marketdata.gateway.upstream.Service;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The first frame a new client gets. Memory ({@link LatestValues}) first; when it has nothing (the
 * gateway just started, or nothing was published for that key since), the orderbook's Redis hot
 * cache for depth and indices. Scores: memory knows only the mints scored since this gateway
 * started, so the scoring-service's latest list is merged in (a mint's newer score wins).
 * A failing source gives an empty snapshot, never a failed connection.
 */
@ApplicationScoped
public class Snapshots {

    private static final Logger LOG = Logger.getLogger(Snapshots.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
    static final int SCORES_FROM_MEMORY = 200;
    static final String SCORES_UPSTREAM_PATH = "/api/scores/latest?limit=50";
    /** The envelope key of the collection snapshots (every key of the channel). */
    static final String INDICES_KEY = "index.*";
    static final String SCORES_KEY = RoutingKeys.SCORE_UPDATED;

    @Inject
    LatestValues latest;
    @Inject
    Redis redis;
    @Inject
    Proxy proxy;
    @Inject
    GatewayConfig config;

    /** The book's latest {@code depth.*} body, or the hot cache's summary of it (a superset), or null. */
    public Uni<List<String>> depth(DepthTopic topic) {
        String key = topic.routingKey();
        return latest.depth(key).map(v -> Uni.createFrom().item(v.body()))
                .orElseGet(() -> redisGet(config.redis().orderbookPrefix() + ":latest:" + topic.exchange() + ":"
                        + topic.market().wireName() + ":" + topic.symbol()))
                .map(body -> List.of(Frames.snapshot(PushChannel.DEPTH, key, body)));
    }

    /** Every live index (an array of {@code index.*} bodies). */
    public Uni<List<String>> indices() {
        List<LatestValues.Value> inMemory = latest.indices();
        Uni<List<JsonNode>> bodies = !inMemory.isEmpty()
                ? Uni.createFrom().item(inMemory.stream().map(LatestValues.Value::body).toList())
                : redisIndices();
        return bodies.map(list -> {
            ArrayNode data = Json.MAPPER.createArrayNode();
            list.forEach(data::add);
            return List.of(Frames.snapshot(PushChannel.INDICES, INDICES_KEY, data));
        });
    }

    /** The latest score per mint, newest {@code scored_at} first: memory merged with the scoring-service's list. */
    public Uni<List<String>> scores(String requestId) {
        return proxy.get(Service.SCORING, SCORES_UPSTREAM_PATH, config.cache().tokens(), requestId)
                .map(Snapshots::upstreamScores)
                // a failing service must not keep the client waiting through every retry: memory alone then
                .ifNoItem().after(config.upstream().timeout()).recoverWithItem(List.of())
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("scores snapshot without the scoring-service: %s", e.getMessage());
                    return List.of();
                })
                .map(upstream -> {
                    Map<String, JsonNode> byMint = new LinkedHashMap<>();
                    for (JsonNode s : upstream) {
                        byMint.put(s.path("mint").asText(), s);
                    }
                    for (LatestValues.Value v : latest.scores(SCORES_FROM_MEMORY)) {
                        JsonNode s = v.body();
                        byMint.merge(s.path("mint").asText(), s,
                                (old, mine) -> mine.path("scored_at").asLong() >= old.path("scored_at").asLong() ? mine : old);
                    }
                    List<JsonNode> ordered = new ArrayList<>(byMint.values());
                    ordered.sort(Comparator.comparingLong((JsonNode s) -> s.path("scored_at").asLong()).reversed());
                    ArrayNode data = Json.MAPPER.createArrayNode();
                    ordered.forEach(data::add);
                    return List.of(Frames.snapshot(PushChannel.SCORES, SCORES_KEY, data));
                });
    }

    /** The {@code scores} of a 200 answer (possibly a degraded last-good one); nothing otherwise. */
    private static List<JsonNode> upstreamScores(Answer answer) {
        if (answer.status() != 200) {
            return List.of();
        }
        try {
            JsonNode scores = Json.MAPPER.readTree(answer.body()).path("scores");
            List<JsonNode> out = new ArrayList<>();
            scores.forEach(s -> {
                if (s.hasNonNull("mint")) {
                    out.add(s);
                }
            });
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    private Uni<JsonNode> redisGet(String key) {
        return redis.send(Request.cmd(Command.GET).arg(key))
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .map(r -> r == null ? null : parse(r.toString()))
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("hot cache not read (%s): %s", key, e.getMessage());
                    return null;
                });
    }

    /** SCAN (never KEYS) for the hot cache's index keys, then one MGET. */
    private Uni<List<JsonNode>> redisIndices() {
        String pattern = config.redis().orderbookPrefix() + ":latest-index:*";
        return scan(pattern, "0", new ArrayList<>())
                .flatMap(keys -> {
                    if (keys.isEmpty()) {
                        return Uni.createFrom().item(List.<JsonNode>of());
                    }
                    keys.sort(null);
                    Request mget = Request.cmd(Command.MGET);
                    keys.forEach(mget::arg);
                    return redis.send(mget).ifNoItem().after(REDIS_TIMEOUT).fail().map(r -> {
                        List<JsonNode> out = new ArrayList<>();
                        for (Response value : r) {
                            JsonNode body = value == null ? null : parse(value.toString());
                            if (body != null) {
                                out.add(body);
                            }
                        }
                        return out;
                    });
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("hot cache indices not read: %s", e.getMessage());
                    return List.of();
                });
    }

    private Uni<List<String>> scan(String pattern, String cursor, List<String> found) {
        return redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg("500"))
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .flatMap(r -> {
                    for (Response k : r.get(1)) {
                        found.add(k.toString());
                    }
                    String next = r.get(0).toString();
                    return "0".equals(next) ? Uni.createFrom().item(found) : scan(pattern, next, found);
                });
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
