package io.marketdata.scoring.model;

import io.marketdata.contracts.token.PoolMetrics;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.contracts.token.WindowMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures: {@code token.metrics} snapshots with hand-picked windows. */
public final class Snapshots {

    public static final String MINT = "97QUGxUbXzWpmBPpQGnTgbgvR9n5a3xqWnUWVfG2pump";
    public static final String POOL = "7qbRF6YsyGuLUVs6Y1q64bdVrfe4ZcUUz1JRdoVNUJnm";
    public static final String CURVE = "Bz4MhmVRQENiCou7ZpJ575wpjNFjBjVBSiVhuNg1QYAp";
    public static final long MIGRATED_AT = 1_730_000_000_000L;
    public static final long HOUR_MS = 3_600_000L;

    private Snapshots() {
    }

    public static WindowMetrics window(long buys, long sells, double volumeUsd) {
        return new WindowMetrics(buys, sells, volumeUsd);
    }

    public static PoolMetrics pool(String address, Double liquidityUsd, boolean tradeable) {
        return new PoolMetrics(address, tradeable ? "pumpswap" : "pumpfun", List.of(),
                liquidityUsd, "SOL", "So11111111111111111111111111111111111111112", 0.0001, tradeable);
    }

    /** One tradeable pool with 10 000 USD; h6 and h24 are h1 × 6 and × 24, so the windows nest. */
    public static TokenMetrics metrics(WindowMetrics m5, WindowMetrics h1) {
        return metrics(m5, h1, List.of(pool(POOL, 10_000.0, true)), List.of());
    }

    public static TokenMetrics metrics(WindowMetrics m5, WindowMetrics h1, List<PoolMetrics> pools, List<String> flags) {
        Map<String, WindowMetrics> windows = new LinkedHashMap<>();
        windows.put("m5", m5);
        windows.put("h1", h1);
        windows.put("h6", new WindowMetrics(h1.buys() * 6, h1.sells() * 6, h1.volumeUsd() * 6));
        windows.put("h24", new WindowMetrics(h1.buys() * 24, h1.sells() * 24, h1.volumeUsd() * 24));
        return new TokenMetrics(MINT, MIGRATED_AT, 0.0001, 100_000.0, pools, windows, flags, null);
    }

    public static TokenMetrics withWindows(Map<String, WindowMetrics> windows) {
        return new TokenMetrics(MINT, MIGRATED_AT, 0.0001, 100_000.0, List.of(pool(POOL, 10_000.0, true)), windows, List.of(), null);
    }

    /** A snapshot scored {@code hours} after the migration. */
    public static ScoringInput at(TokenMetrics metrics, double hours) {
        return ScoringInput.snapshot(metrics, MIGRATED_AT, MIGRATED_AT + Math.round(hours * HOUR_MS));
    }

    /**
     * The worked example used across the tests, scored 3 h after migration:
     * m5 = 30 buys, 10 sells, 2 000 USD; h1 = 150 buys, 90 sells, 12 000 USD.
     */
    public static ScoringInput workedExample() {
        return at(metrics(window(30, 10, 2_000.0), window(150, 90, 12_000.0)), 3.0);
    }
}
