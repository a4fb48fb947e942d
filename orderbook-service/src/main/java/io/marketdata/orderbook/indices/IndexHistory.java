package io.marketdata.orderbook.indices;

import io.agroal.api.AgroalDataSource;
import io.marketdata.orderbook.bands.Depths;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.history.Checkpoint;
import io.marketdata.orderbook.history.HistoryStore;
import io.marketdata.orderbook.history.MinuteColumns;
import io.marketdata.orderbook.history.MinutePoint;
import io.marketdata.orderbook.history.SeriesKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Stores the indices per minute (SPEC §6.4) "like symbols": once a minute is over (its end + the
 * close grace), the book minutes stored for it are summed into index points of series
 * {@code index/<market>/<NAME>}. Computed from PostgreSQL, not from memory, so a restart or a
 * second replica cannot produce a partial index; a minute written again is recomputed.
 */
@ApplicationScoped
public class IndexHistory {

    private static final String BOOKS_OF_MINUTE;

    static {
        StringBuilder sql = new StringBuilder("SELECT s.market, s.unified");
        for (int d = 0; d < Depths.COUNT; d++) {
            sql.append(", m.").append(MinuteColumns.column("bid_usd", d));
        }
        for (int d = 0; d < Depths.COUNT; d++) {
            sql.append(", m.").append(MinuteColumns.column("ask_usd", d));
        }
        sql.append(" FROM orderbook.minute_bands m JOIN orderbook.series s ON s.id = m.series_id "
                + "WHERE m.ts = ? AND s.exchange <> '" + SeriesKey.INDEX_EXCHANGE + "'");
        BOOKS_OF_MINUTE = sql.toString();
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    HistoryStore store;
    @Inject
    OrderbookConfig config;

    private final ConcurrentSkipListSet<Long> due = new ConcurrentSkipListSet<>();

    /** Notes the minutes that received book points. */
    public void written(List<MinutePoint> points) {
        for (MinutePoint p : points) {
            if (!p.series().isIndex()) {
                due.add(p.minuteMs());
            }
        }
    }

    /** Computes and stores the index points of every noted minute that is over; returns them. */
    public List<MinutePoint> computeDue(long nowMs) throws SQLException {
        long grace = config.history().closeGrace().toMillis();
        List<MinutePoint> out = new ArrayList<>();
        for (Long minute : due) {
            if (minute + 60_000L + grace > nowMs) {
                break;
            }
            List<MinutePoint> points = compute(minute);
            store.write(new Checkpoint(points, List.of(), List.of(), 0, null, 0));
            due.remove(minute);
            out.addAll(points);
        }
        return out;
    }

    private List<MinutePoint> compute(long minute) throws SQLException {
        Map<String, List<IndexCalculator.Contribution>> byMarket = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(BOOKS_OF_MINUTE)) {
            ps.setTimestamp(1, new Timestamp(minute));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double[] bid = new double[Depths.COUNT];
                    double[] ask = new double[Depths.COUNT];
                    for (int d = 0; d < Depths.COUNT; d++) {
                        bid[d] = rs.getDouble(3 + d);
                        ask[d] = rs.getDouble(3 + Depths.COUNT + d);
                    }
                    String base = SeriesKey.baseOf(rs.getString(2));
                    byMarket.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new IndexCalculator.Contribution(base, bid, ask));
                }
            }
        }
        List<MinutePoint> out = new ArrayList<>();
        byMarket.forEach((market, books) -> {
            for (IndexCalculator.IndexValue v : IndexCalculator.compute(books)) {
                out.add(MinutePoint.index(SeriesKey.index(market, v.name()), minute, v.symbolCount(), v.bidValue(), v.askValue()));
            }
        });
        return out;
    }
}
