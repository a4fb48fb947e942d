package io.marketdata.emulator.tokens;

/** The role of a pool of a migrated token. */
public enum PoolKind {
    /** The launchpad's bonding curve the token traded on before migrating ({@code pumpfun}, {@code launchlab}). */
    BONDING_CURVE,
    /** The AMM pool the migration created ({@code pumpswap}, or {@code raydium} for LaunchLab tokens). */
    MAIN,
    /** A pool someone opened later on another DEX ({@code raydium}, {@code meteora}). */
    SECOND
}
