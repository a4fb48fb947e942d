package io.marketdata.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest message per key, as received from the bus, for the snapshot a new WebSocket client
 * gets first. Depth and index values expire like the orderbook's hot cache (10 min), so a book that
 * stopped updating is not presented as current forever; scores are the latest per mint, the
 * {@link #MAX_SCORES} most recently received.
 */
@ApplicationScoped
public class LatestValues {

    static final int MAX_SCORES = 1000;
    private static final Duration EXPIRY = Duration.ofMinutes(10);

    /** One received message: its routing key, body, and when it arrived (epoch ms). */
    public record Value(String routingKey, JsonNode body, long receivedAt) {
    }

    private final Cache<String, Value> depth = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(EXPIRY).build();
    /** Keyed {@code index.<NAME>/<market>}: one routing key carries the index of each market. */
    private final Cache<String, Value> indices = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterWrite(EXPIRY).build();
    /** Insertion order = arrival order (a mint is removed and re-added on each score). */
    private final LinkedHashMap<String, Value> scores = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Value> eldest) {
            return size() > MAX_SCORES;
        }
    };

    public void putDepth(String routingKey, JsonNode body) {
        depth.put(routingKey, new Value(routingKey, body, System.currentTimeMillis()));
    }

    public Optional<Value> depth(String routingKey) {
        return Optional.ofNullable(depth.getIfPresent(routingKey));
    }

    public void putIndex(String routingKey, JsonNode body) {
        indices.put(routingKey + "/" + body.path("market").asText(), new Value(routingKey, body, System.currentTimeMillis()));
    }

    /** Every live index, ordered by routing key then market. */
    public List<Value> indices() {
        List<Value> out = new ArrayList<>(indices.asMap().values());
        out.sort(Comparator.comparing(Value::routingKey).thenComparing(v -> v.body().path("market").asText()));
        return out;
    }

    public void putScore(String mint, String routingKey, JsonNode body) {
        synchronized (scores) {
            scores.remove(mint);
            scores.put(mint, new Value(routingKey, body, System.currentTimeMillis()));
        }
    }

    /** The latest score of up to {@code limit} mints, most recently received first. */
    public List<Value> scores(int limit) {
        List<Value> out;
        synchronized (scores) {
            out = new ArrayList<>(scores.values());
        }
        java.util.Collections.reverse(out);
        return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    }
}
