package io.marketdata.emulator.market;

import java.util.Set;

/**
 * One underlying base asset of the universe (per one unit of the plain asset, e.g. one PEPE).
 *
 * @param index          stable position in the universe (part of every random coordinate)
 * @param name           plain asset name, e.g. {@code BTC}, {@code PEPE}
 * @param startPrice     starting USDT price of one unit
 * @param dailyVolumeUsd typical 24 h USDT turnover on the most liquid venue
 * @param sigmaBps       random-walk volatility per tick, in basis points
 * @param thousandX      listed as a 1000x contract (1000PEPE …) on Binance futures and Bybit
 * @param tickScale      price decimals of the plain-asset perpetuals, or -1 to derive from the price
 * @param lotExp         lot size exponent (lot = 10^lotExp) for lot-sized perpetuals, or null to derive
 * @param htxExp         HTX contract_size exponent, or null to derive
 * @param gateExp        Gate quanto_multiplier exponent, or null to derive
 * @param notListedOn    venues that do not list this asset
 */
public record Asset(int index, String name, double startPrice, double dailyVolumeUsd, double sigmaBps,
        boolean thousandX, int tickScale, Integer lotExp, Integer htxExp, Integer gateExp,
        Set<Venue> notListedOn) {
}
