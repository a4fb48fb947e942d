package io.marketdata.orderbook.api;

import io.marketdata.orderbook.cache.HotCache;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.history.HistoryQueries;
import io.marketdata.orderbook.history.SeriesKey;
import io.marketdata.orderbook.history.StoredMinute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;

/**
 * Minute points of a series over a range, for every route that shows them: from Redis when the range
 * lies within the hot window (and Redis has them), else from PostgreSQL.
 */
@ApplicationScoped
public class MinuteReader {

    /** The points, oldest first, and where they came from ({@code cache} or {@code database}). */
    public record Minutes(List<StoredMinute> points, String source) {
    }

    @Inject
    HistoryQueries queries;
    @Inject
    HotCache cache;
    @Inject
    OrderbookConfig config;

    public Minutes read(SeriesKey series, Params.Range range) throws SQLException {
        long hotSince = System.currentTimeMillis() - config.cache().recentWindow().toMillis() + 60_000L;
        if (range.from() >= hotSince) {
            try {
                List<StoredMinute> cached = cache.recent(series, range.from(), range.to());
                if (!cached.isEmpty()) {
                    return new Minutes(cached, "cache");
                }
            } catch (HotCache.CacheUnavailableException e) {
                // PostgreSQL answers instead
            }
        }
        return new Minutes(queries.minutes(series, range.from(), range.to(), config.history().maxRows()), "database");
    }
}
