package io.marketdata.emulator.tokens;

/**
 * One pool at one moment, in DexScreener's terms. Arrays are indexed by {@link Window#ordinal()}.
 *
 * @param pool           the pool
 * @param buys           buys per window
 * @param sells          sells per window
 * @param volumeUsd      traded volume per window (USD)
 * @param priceChangePct price change per window in percent; NaN where the pool had no trade in the window
 *                       (DexScreener then omits the key)
 * @param priceSol       price in SOL ({@code priceNative})
 * @param priceUsd       price in USD
 * @param liquidity      reserves, or null when DexScreener leaves {@code liquidity} out
 * @param fdvUsd         fully diluted valuation = market cap (USD)
 * @param openAge        seconds after the migration at which the pool was created
 */
public record PoolState(PoolSpec pool, long[] buys, long[] sells, double[] volumeUsd, double[] priceChangePct,
        double priceSol, double priceUsd, Liquidity liquidity, double fdvUsd, double openAge) {

    /** Pool reserves: {@code usd} is the value of both sides, {@code base} tokens, {@code quote} SOL. */
    public record Liquidity(double usd, double base, double quote) {
    }

    public long txns(Window w) {
        return buys[w.ordinal()] + sells[w.ordinal()];
    }
}
