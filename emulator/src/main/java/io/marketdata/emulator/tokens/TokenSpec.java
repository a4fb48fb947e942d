package io.marketdata.emulator.tokens;

import java.util.List;

/**
 * Everything about migrated token number {@code index} that does not depend on when it migrated:
 * a pure function of (seed, index), built by {@link TokenFactory}.
 *
 * @param seed            the model seed (part of every per-time random draw)
 * @param index           position in the migration sequence
 * @param mint            the token's mint address (ends in {@code pump})
 * @param name            token name
 * @param symbol          token symbol
 * @param signature       the migration transaction's signature
 * @param migrationPool   PumpPortal's {@code pool} label of the migration frame
 * @param fate            the kind of life it leads
 * @param curve           trading on the main pool over its age
 * @param priceSol        price in SOL at the migration
 * @param preTrades       bonding-curve trades during the last {@code preSeconds} before the migration
 * @param preSeconds      length of that pre-migration trading window
 * @param pools           its pools: the bonding curve, the main pool and perhaps a second one
 */
public record TokenSpec(long seed, long index, String mint, String name, String symbol, String signature,
        String migrationPool, Fate fate, ActivityCurve curve, double priceSol, int preTrades, double preSeconds,
        List<PoolSpec> pools) {

    public PoolSpec pool(PoolKind kind) {
        for (PoolSpec p : pools) {
            if (p.kind() == kind) {
                return p;
            }
        }
        return null;
    }
}
