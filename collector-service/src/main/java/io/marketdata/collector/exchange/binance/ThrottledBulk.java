package io.marketdata.collector.exchange.binance;

import io.marketdata.collector.exchange.ExchangeException;
import io.marketdata.collector.exchange.MarketStats;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A bulk answer fetched at most once per {@code minIntervalMillis} and reused in between: Binance's
 * all-symbols {@code ticker/24hr} costs 40 (futures) or 80 (spot) weight, the heaviest call of a
 * cycle, while its content (24 h volume, last price) moves slowly. A failed refresh propagates (the
 * cycle is skipped, as for any bulk failure) and is tried again on the next call.
 */
final class ThrottledBulk {

    /** The fetch being throttled. */
    interface Fetch {
        Map<String, MarketStats> fetch() throws ExchangeException;
    }

    private final long minIntervalMillis;
    private final LongSupplier clock;
    private Map<String, MarketStats> values;
    private long fetchedAt;

    ThrottledBulk(long minIntervalMillis, LongSupplier clock) {
        this.minIntervalMillis = minIntervalMillis;
        this.clock = clock;
    }

    /** The cached answer, refreshed first when it is older than the interval (or absent). */
    synchronized Map<String, MarketStats> get(Fetch fetch) throws ExchangeException {
        long now = clock.getAsLong();
        if (values == null || now - fetchedAt >= minIntervalMillis) {
            values = fetch.fetch();
            fetchedAt = now;
        }
        return values;
    }
}
