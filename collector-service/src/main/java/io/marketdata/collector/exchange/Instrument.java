package io.marketdata.collector.exchange;

import io.marketdata.contracts.UnifiedSymbol;

/**
 * A tradeable instrument as a venue lists it: the unified symbol, the venue's native id, and the
 * base-unit size of one contract (1 where the venue already quotes sizes in base units).
 */
public record Instrument(UnifiedSymbol symbol, String nativeId, double contractSize) {

    public Instrument {
        if (!(contractSize > 0)) {
            throw new IllegalArgumentException("contract size must be positive for " + nativeId);
        }
    }
}
