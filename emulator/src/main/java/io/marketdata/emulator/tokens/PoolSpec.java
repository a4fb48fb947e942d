package io.marketdata.emulator.tokens;

import java.util.List;

/**
 * The fixed description of one pool of a token.
 *
 * @param kind      its role
 * @param dexId     DexScreener's {@code dexId}
 * @param labels    DexScreener's {@code labels} (empty: the field is omitted, as DexScreener does)
 * @param address   the pool's address ({@code pairAddress})
 * @param openAge   seconds after the migration at which the pool was created (negative for the bonding curve)
 * @param share     trades of this pool per trade of the main curve after it opened (0: a pool nobody trades)
 * @param quoteSol  SOL in the pool when it opened (the bonding curve's stays at its completion value)
 * @param tradeUsd  average trade size in USD
 */
public record PoolSpec(PoolKind kind, String dexId, List<String> labels, String address, double openAge, double share,
        double quoteSol, double tradeUsd) {

    /** True for launchpad bonding curves, which are not tradeable pools for the consumer. */
    public boolean bondingCurve() {
        return kind == PoolKind.BONDING_CURVE;
    }
}
