package io.marketdata.orderbook.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.marketdata.contracts.Json;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.history.MinutePoint;
import io.marketdata.orderbook.history.SeriesKey;
import io.marketdata.orderbook.history.StoredMinute;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.redis.client.Command;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Redis hot cache (SPEC §6.5): the latest bands per book and per index (plain keys with a TTL),
 * and the last {@code recent-window} of minute points per series (sorted sets scored by minute), so
 * current and recent queries never touch PostgreSQL. PostgreSQL stays the source of truth: a Redis
 * failure is counted and logged, never fatal.
 */
@ApplicationScoped
public class HotCache {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    Redis redis;
    @Inject
    OrderbookConfig config;
    @Inject
    MeterRegistry registry;

    private Counter failures;
    private String prefix;

    @PostConstruct
    void init() {
        prefix = config.cache().keyPrefix();
        failures = Counter.builder("orderbook_cache_failures_total")
                .description("Redis writes or reads that failed (the hot cache is best effort)").register(registry);
    }

    public String latestKey(String exchange, String market, String symbol) {
        return prefix + ":latest:" + exchange + ":" + market + ":" + symbol;
    }

    public String latestIndexKey(String market, String name) {
        return prefix + ":latest-index:" + market + ":" + name;
    }

    public String minutesKey(SeriesKey series) {
        return prefix + ":minutes:" + series.exchange() + ":" + series.market() + ":" + series.symbol();
    }

    /** Stores latest values (key → JSON) in one round trip. */
    public void putLatest(Map<String, String> values) {
        if (values.isEmpty()) {
            return;
        }
        String ttl = Long.toString(config.cache().latestTtl().toSeconds());
        List<Request> batch = new ArrayList<>(values.size());
        values.forEach((k, v) -> batch.add(Request.cmd(Command.SET).arg(k).arg(v).arg("EX").arg(ttl)));
        send(batch);
    }

    /** Adds closed minutes to their series' sorted sets, replacing a point of the same minute, and trims the window. */
    public void addMinutes(List<MinutePoint> points, long nowMs) {
        if (points.isEmpty()) {
            return;
        }
        long window = config.cache().recentWindow().toMillis();
        List<Request> batch = new ArrayList<>(points.size() * 2 + 8);
        Set<String> keys = new HashSet<>();
        for (MinutePoint p : points) {
            if (p.minuteMs() < nowMs - window) {
                continue;
            }
            String key = minutesKey(p.series());
            String minute = Long.toString(p.minuteMs());
            batch.add(Request.cmd(Command.ZREMRANGEBYSCORE).arg(key).arg(minute).arg(minute));
            batch.add(Request.cmd(Command.ZADD).arg(key).arg(minute).arg(json(StoredMinute.of(p))));
            keys.add(key);
        }
        String oldest = "(" + (nowMs - window);
        String ttl = Long.toString(window / 1000);
        for (String key : keys) {
            batch.add(Request.cmd(Command.ZREMRANGEBYSCORE).arg(key).arg("-inf").arg(oldest));
            batch.add(Request.cmd(Command.EXPIRE).arg(key).arg(ttl));
        }
        send(batch);
    }

    /** The value of a latest key, empty when absent or Redis is unavailable. */
    public Optional<String> get(String key) {
        try {
            Response r = redis.send(Request.cmd(Command.GET).arg(key)).await().atMost(TIMEOUT);
            return r == null ? Optional.empty() : Optional.of(r.toString());
        } catch (RuntimeException e) {
            failures.increment();
            throw new CacheUnavailableException(e);
        }
    }

    /** Minute points of a series within [from, to], oldest first; throws when Redis is unavailable. */
    public List<StoredMinute> recent(SeriesKey series, long fromMs, long toMs) {
        try {
            Response r = redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(minutesKey(series))
                    .arg(Long.toString(fromMs)).arg(Long.toString(toMs))).await().atMost(TIMEOUT);
            List<StoredMinute> out = new ArrayList<>(r == null ? 0 : r.size());
            if (r != null) {
                for (Response member : r) {
                    out.add(Json.MAPPER.readValue(member.toString(), StoredMinute.class));
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            failures.increment();
            throw new CacheUnavailableException(e);
        }
    }

    /** Every key matching a pattern (SCAN, never KEYS). */
    public List<String> keys(String pattern) {
        List<String> out = new ArrayList<>();
        String cursor = "0";
        try {
            do {
                Response r = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg("500"))
                        .await().atMost(TIMEOUT);
                cursor = r.get(0).toString();
                for (Response k : r.get(1)) {
                    out.add(k.toString());
                }
            } while (!"0".equals(cursor));
            return out;
        } catch (RuntimeException e) {
            failures.increment();
            throw new CacheUnavailableException(e);
        }
    }

    /** Whether Redis answers (health). */
    public boolean ping() {
        try {
            redis.send(Request.cmd(Command.PING)).await().atMost(TIMEOUT);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String prefix() {
        return prefix;
    }

    private void send(List<Request> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            redis.batch(batch).await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            failures.increment();
        }
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Redis did not answer; callers fall back to PostgreSQL or report the cache as unavailable. */
    public static final class CacheUnavailableException extends RuntimeException {
        CacheUnavailableException(Throwable cause) {
            super("Redis unavailable: " + cause.getMessage(), cause);
        }
    }
}
