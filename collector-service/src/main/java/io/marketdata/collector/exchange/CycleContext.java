package io.marketdata.collector.exchange;

import java.util.Map;

/**
 * What one collection cycle of an exchange knows before it fetches books: when it started, how
 * many instruments it collects (adapters size their book depth to the rate budget with it) and
 * the bulk ticker/funding data keyed by native id.
 */
public record CycleContext(long startedAt, int instrumentCount, Map<String, MarketStats> stats) {

    public MarketStats statsFor(Instrument instrument) {
        return stats.getOrDefault(instrument.nativeId(), MarketStats.EMPTY);
    }
}
