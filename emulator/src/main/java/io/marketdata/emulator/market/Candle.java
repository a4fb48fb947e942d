package io.marketdata.emulator.market;

/** One candle of a price series: start of the period in epoch seconds, prices in ticks. */
public record Candle(long idSeconds, long openTicks, long highTicks, long lowTicks, long closeTicks) {
}
