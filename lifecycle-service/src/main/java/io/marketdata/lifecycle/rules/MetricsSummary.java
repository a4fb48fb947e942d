package io.marketdata.lifecycle.rules;

import io.marketdata.contracts.token.PoolMetrics;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.contracts.token.WindowMetrics;
import java.time.Instant;

/**
 * What the rules read from a {@code token.metrics} snapshot.
 *
 * @param h1Transactions        h1 buys + sells (the collector sums the windows over tradeable pools)
 * @param bestTradeableLiquidity highest {@code liquidity_usd} of a tradeable (non-bonding-curve) pool, 0 when none
 * @param tradeableLiquidity    sum of the tradeable pools' {@code liquidity_usd}
 */
public record MetricsSummary(Instant fetchedAt, long h1Transactions, double h1VolumeUsd, double bestTradeableLiquidity,
                             double tradeableLiquidity) {

    public static MetricsSummary of(TokenMetrics m) {
        WindowMetrics h1 = m.windows() == null ? null : m.windows().get("h1");
        double best = 0;
        double sum = 0;
        if (m.pools() != null) {
            for (PoolMetrics pool : m.pools()) {
                if (pool.tradeable() && pool.liquidityUsd() != null && Double.isFinite(pool.liquidityUsd())) {
                    best = Math.max(best, pool.liquidityUsd());
                    sum += pool.liquidityUsd();
                }
            }
        }
        return new MetricsSummary(Instant.ofEpochMilli(m.fetchedAt()), h1 == null ? 0 : h1.transactions(),
                h1 == null ? 0 : h1.volumeUsd(), best, sum);
    }
}
