package io.marketdata.lifecycle.support;

import io.marketdata.contracts.Json;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.contracts.token.PoolMetrics;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.contracts.token.SettingsUpdated;
import io.marketdata.contracts.token.TokenCreated;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.contracts.token.WindowMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Bodies of the messages the service consumes, built from the contract records. */
public final class Msg {

    private static final AtomicLong LAST_FETCH = new AtomicLong();

    private Msg() {
    }

    /**
     * Strictly increasing epoch ms (a snapshot not newer than the stored one is ignored), ahead of
     * real time like {@link TestClock}.
     */
    public static long nextFetchedAt() {
        long now = System.currentTimeMillis() + TestClock.INITIAL_OFFSET.toMillis();
        return LAST_FETCH.updateAndGet(last -> Math.max(now, last + 1));
    }

    public static TokenCreated created(String mint) {
        return new TokenCreated(mint, "Token " + mint.substring(0, 6), mint.substring(0, 4).toUpperCase(),
                "sig" + Mints.random() + Mints.random(), "pump-amm", System.currentTimeMillis());
    }

    public static PoolMetrics tradeable(double liquidityUsd) {
        return new PoolMetrics(Mints.random(), "raydium", List.of("CPMM"), liquidityUsd, "SOL",
                "So11111111111111111111111111111111111111112", 0.0012, true);
    }

    public static PoolMetrics bondingCurve(double liquidityUsd) {
        return new PoolMetrics(Mints.random(), "pumpfun", List.of("bonding-curve"), liquidityUsd, "SOL",
                "So11111111111111111111111111111111111111112", 0.0011, false);
    }

    public static TokenMetrics metrics(String mint, long fetchedAt, long h1Transactions, List<PoolMetrics> pools) {
        long buys = h1Transactions / 2;
        WindowMetrics m5 = new WindowMetrics(buys / 12, (h1Transactions - buys) / 12, 120.0);
        WindowMetrics h1 = new WindowMetrics(buys, h1Transactions - buys, 1_500.0);
        WindowMetrics h6 = new WindowMetrics(buys * 3, (h1Transactions - buys) * 3, 6_000.0);
        return new TokenMetrics(mint, fetchedAt, 0.0012, 1_200_000.0, pools, Map.of("m5", m5, "h1", h1, "h6", h6, "h24", h6),
                List.of(), null);
    }

    public static TokenMetrics metrics(String mint, long h1Transactions, PoolMetrics... pools) {
        return metrics(mint, nextFetchedAt(), h1Transactions, List.of(pools));
    }

    public static ScoreUpdated score(String mint, double smoothed, long scoredAt) {
        return new ScoreUpdated(mint, "hybrid_momentum", smoothed, smoothed,
                Map.of("tx_accel", 1.0, "vol_momentum", 1.0, "token_freshness", 0.5, "orderflow_imbalance", 0.1),
                Map.of("tx_accel", 1.0, "vol_momentum", 1.0, "token_freshness", 0.5, "orderflow_imbalance", 0.1),
                "ok", scoredAt);
    }

    public static SettingsUpdated settings(long version, PipelineSettings settings) {
        return new SettingsUpdated(version, settings.toMap(), System.currentTimeMillis());
    }

    public static byte[] bytes(Object record) {
        return Json.toBytes(record);
    }
}
