package io.marketdata.collector.http;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets that keep a venue's request weight within its published limit: {@code capacity}
 * weight per {@code window}, refilled continuously. With per-endpoint scope every endpoint path has
 * its own bucket (Bitget, Gate), otherwise the whole venue shares one (Binance weight, Bybit).
 */
public final class RateBudget {

    private final double capacity;
    private final double refillPerNano;
    private final boolean perEndpoint;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateBudget(double capacity, Duration window, boolean perEndpoint) {
        if (capacity < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("rate budget needs capacity >= 1 and a positive window");
        }
        this.capacity = capacity;
        this.refillPerNano = capacity / window.toNanos();
        this.perEndpoint = perEndpoint;
    }

    public double capacity() {
        return capacity;
    }

    /** Blocks until {@code weight} is available for the endpoint, then takes it. */
    public void acquire(String endpoint, int weight) throws InterruptedException {
        Bucket bucket = buckets.computeIfAbsent(perEndpoint ? endpoint : "*", key -> new Bucket());
        long waitNanos = bucket.reserve(Math.min(weight, capacity));
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    private final class Bucket {
        private double tokens = capacity;
        private long updatedAt = System.nanoTime();

        /** Takes the weight now (tokens may go negative) and returns how long the caller must wait. */
        synchronized long reserve(double weight) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - updatedAt) * refillPerNano);
            updatedAt = now;
            tokens -= weight;
            return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / refillPerNano);
        }
    }
}
