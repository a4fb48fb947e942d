package io.marketdata.collector.exchange;

import io.marketdata.collector.config.CollectorConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Glue the venue adapters share: their configuration and query values. */
public final class AdapterSupport {

    private AdapterSupport() {
    }

    /** A native id (or any value) encoded for a URL query parameter. */
    public static String queryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The configuration of venue {@code id}; an IllegalStateException when it is not configured. */
    public static CollectorConfig.Exchange exchange(CollectorConfig config, String id) {
        CollectorConfig.Exchange exchange = config.exchanges().get(id);
        if (exchange == null) {
            throw new IllegalStateException("collector.exchanges." + id + " is not configured");
        }
        return exchange;
    }

    /** The configured {@code max-depth} of venue {@code id}, or {@code fallback} when it is not configured. */
    public static int configuredDepth(CollectorConfig config, String id, int fallback) {
        CollectorConfig.Exchange exchange = config.exchanges().get(id);
        return exchange == null ? fallback : exchange.maxDepth();
    }

    /**
     * The book limit of a venue whose book request costs the same at any depth: the configured depth
     * (the endpoint maximum when not configured), capped at {@code endpointMax}, at least 1.
     */
    public static int bookLimit(CollectorConfig config, String id, int endpointMax) {
        return Math.max(1, Math.min(configuredDepth(config, id, endpointMax), endpointMax));
    }
}
