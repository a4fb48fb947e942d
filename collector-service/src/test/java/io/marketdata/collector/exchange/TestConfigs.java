package io.marketdata.collector.exchange;

import io.marketdata.collector.config.CollectorConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CollectorConfig} values for plain unit tests, without Quarkus: dynamic proxies answer the
 * set accessors and fail loudly on any other, so a test never silently reads a default.
 */
public final class TestConfigs {

    private TestConfigs() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T settings(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String name = method.getName();
            if (values.containsKey(name)) {
                return values.get(name);
            }
            switch (name) {
                case "toString":
                    return type.getSimpleName() + values;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    throw new IllegalStateException(type.getSimpleName() + "." + name + " is not set in this test");
            }
        });
    }

    public static CollectorConfig.RateLimit rateLimit(int capacity, Duration window) {
        return settings(CollectorConfig.RateLimit.class, Map.of("capacity", capacity, "window", window,
                "utilisation", 0.8, "scope", CollectorConfig.Scope.EXCHANGE));
    }

    /** A venue's settings: REST URL, depth cap and rate limit; optionally Binance's spot URL and limit. */
    public static CollectorConfig.Exchange exchange(String restUrl, int maxDepth, CollectorConfig.RateLimit limit,
            String spotRestUrl, CollectorConfig.RateLimit spotLimit) {
        Map<String, Object> values = new HashMap<>();
        values.put("enabled", true);
        values.put("restUrl", restUrl);
        values.put("wsUrl", Optional.empty());
        values.put("spotRestUrl", Optional.ofNullable(spotRestUrl));
        values.put("spotWsUrl", Optional.empty());
        values.put("spotRateLimit", Optional.ofNullable(spotLimit));
        values.put("maxConcurrency", 4);
        values.put("maxDepth", maxDepth);
        values.put("rateLimit", limit);
        values.put("apiKey", Optional.empty());
        values.put("apiSecret", Optional.empty());
        return settings(CollectorConfig.Exchange.class, values);
    }

    public static CollectorConfig.Exchange exchange(String restUrl, int maxDepth, CollectorConfig.RateLimit limit) {
        return exchange(restUrl, maxDepth, limit, null, null);
    }

    public static CollectorConfig config(int intervalSeconds, Map<String, CollectorConfig.Exchange> exchanges) {
        return settings(CollectorConfig.class, Map.of("intervalSeconds", intervalSeconds, "exchanges", exchanges,
                "symbols", List.of("BTC/USDT:USDT")));
    }

    /** One attempt, no back-off: a failure surfaces at once. */
    public static CollectorConfig.Retry noRetry() {
        return settings(CollectorConfig.Retry.class, Map.of("attempts", 1, "delays", List.of(Duration.ZERO),
                "maxRetryAfterWait", Duration.ofSeconds(1), "defaultRetryAfter", Duration.ofSeconds(1)));
    }
}
