package io.marketdata.scoring.model.quality;

import io.marketdata.contracts.token.PoolMetrics;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.contracts.token.WindowMetrics;
import io.marketdata.contracts.settings.PipelineSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The standard checks run on every {@code token.metrics} snapshot before any model scores it
 * (seed "To The Moon", data quality levels).
 *
 * <p>Critical (block the update): missing pools/windows, negative counts, volumes, liquidity,
 * prices or fdv, non-finite numbers. Warnings (score, but flag it): liquidity of at least
 * {@code min_liquidity_usd} on tradeable pools with no transaction in the last hour, volume
 * without transactions or transactions without volume in m5/h1, a shorter window exceeding a
 * longer one (m5 &gt; h1 …, an inconsistent snapshot), only bonding-curve pools, a pool without
 * liquidity, and every flag the collector already put in {@code data_quality}.
 */
public final class DataQualityRules {

    /** The windows of {@code token.metrics}, shortest first; all are required by the schema. */
    public static final List<String> WINDOWS = List.of("m5", "h1", "h6", "h24");

    private DataQualityRules() {
    }

    public static QualityReport assess(TokenMetrics metrics, PipelineSettings settings) {
        List<String> critical = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        checkNumbers(metrics, critical);
        if (metrics.dataQuality() != null) {
            metrics.dataQuality().stream().filter(Objects::nonNull).forEach(warnings::add);
        }
        if (critical.isEmpty()) {
            // Consistency checks read every value, so they only run on structurally sound data.
            checkConsistency(metrics, settings, warnings);
        }
        return new QualityReport(critical, warnings);
    }

    /** Sum of known liquidity over tradeable (non-bonding-curve) pools, USD. */
    public static double tradeableLiquidityUsd(TokenMetrics metrics) {
        double sum = 0.0;
        for (PoolMetrics pool : metrics.pools()) {
            if (pool.tradeable() && pool.liquidityUsd() != null) {
                sum += pool.liquidityUsd();
            }
        }
        return sum;
    }

    /** Number of tradeable (non-bonding-curve) pools. */
    public static int tradeablePools(TokenMetrics metrics) {
        return (int) metrics.pools().stream().filter(PoolMetrics::tradeable).count();
    }

    private static void checkNumbers(TokenMetrics metrics, List<String> critical) {
        checkOptional(metrics.priceUsd(), "price", critical);
        checkOptional(metrics.fdv(), "fdv", critical);
        if (metrics.pools() == null) {
            critical.add("missing_pools");
        } else {
            for (PoolMetrics pool : metrics.pools()) {
                if (pool == null) {
                    critical.add("missing_pool");
                    continue;
                }
                checkOptional(pool.liquidityUsd(), "liquidity", critical);
                checkOptional(pool.priceUsd(), "pool_price", critical);
            }
        }
        if (metrics.windows() == null) {
            critical.add("missing_windows");
            return;
        }
        for (String name : WINDOWS) {
            WindowMetrics window = metrics.windows().get(name);
            if (window == null) {
                critical.add("missing_window_" + name);
                continue;
            }
            if (window.buys() < 0) {
                critical.add("negative_buys_" + name);
            }
            if (window.sells() < 0) {
                critical.add("negative_sells_" + name);
            }
            checkRequired(window.volumeUsd(), "volume_" + name, critical);
        }
    }

    private static void checkConsistency(TokenMetrics metrics, PipelineSettings settings, List<String> warnings) {
        if (metrics.pools().stream().anyMatch(pool -> pool.liquidityUsd() == null)) {
            warnings.add("missing_liquidity");
        }
        if (!metrics.pools().isEmpty() && tradeablePools(metrics) == 0) {
            warnings.add("no_tradeable_pool");
        }
        WindowMetrics h1 = metrics.windows().get("h1");
        if (h1.transactions() == 0 && tradeableLiquidityUsd(metrics) >= settings.minLiquidityUsd()
                && tradeablePools(metrics) > 0) {
            warnings.add("liquidity_without_transactions");
        }
        for (String name : List.of("m5", "h1")) {
            WindowMetrics window = metrics.windows().get(name);
            if (window.transactions() == 0 && window.volumeUsd() > 0.0) {
                warnings.add("volume_without_transactions_" + name);
            }
            if (window.transactions() > 0 && window.volumeUsd() == 0.0) {
                warnings.add("transactions_without_volume_" + name);
            }
        }
        // Windows are nested (the last 5 minutes are part of the last hour, …): a shorter window
        // above a longer one means the snapshot mixes different moments.
        for (int i = 0; i + 1 < WINDOWS.size(); i++) {
            WindowMetrics shorter = metrics.windows().get(WINDOWS.get(i));
            WindowMetrics longer = metrics.windows().get(WINDOWS.get(i + 1));
            if (shorter.transactions() > longer.transactions() || shorter.volumeUsd() > longer.volumeUsd()) {
                warnings.add(WINDOWS.get(i) + "_exceeds_" + WINDOWS.get(i + 1));
            }
        }
    }

    private static void checkOptional(Double value, String what, List<String> critical) {
        if (value != null) {
            checkRequired(value, what, critical);
        }
    }

    private static void checkRequired(double value, String what, List<String> critical) {
        if (!Double.isFinite(value)) {
            critical.add("non_finite_" + what);
        } else if (value < 0.0) {
            critical.add("negative_" + what);
        }
    }
}
