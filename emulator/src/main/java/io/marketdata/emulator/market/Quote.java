package io.marketdata.emulator.market;

import java.math.BigDecimal;

/**
 * Ticker, 24 h statistics and funding of one instrument at one tick. Prices are in ticks of the
 * instrument; {@code volumeBase} is in the venue's base units.
 *
 * @param lastTicks     last trade price (always the best bid or the best ask of the same tick)
 * @param lastQtyUnits  size of the last trade, in units
 * @param markTicks     mark price (perpetuals)
 * @param indexTicks    index price (perpetuals)
 * @param fundingRate   current funding rate, 8 decimals; null for spot
 * @param openTicks     price 24 h ago
 * @param highTicks     24 h high
 * @param lowTicks      24 h low
 * @param volumeBase    24 h volume in base units (for HTX/Gate not an exact multiple of the contract)
 * @param volumeUnits   24 h volume in units (contracts on HTX/Gate, lots elsewhere)
 * @param quoteVolume   24 h turnover in USDT, 4 decimals
 * @param tradeCount    24 h trade count
 * @param openInterestUnits open interest in units
 */
public record Quote(long lastTicks, long lastQtyUnits, long markTicks, long indexTicks, BigDecimal fundingRate,
        long openTicks, long highTicks, long lowTicks, BigDecimal volumeBase, long volumeUnits,
        BigDecimal quoteVolume, long tradeCount, long openInterestUnits) {
}
