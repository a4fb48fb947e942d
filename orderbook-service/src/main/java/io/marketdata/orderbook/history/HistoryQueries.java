package io.marketdata.orderbook.history;

import io.agroal.api.AgroalDataSource;
import io.marketdata.orderbook.bands.Depths;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Reads of the stored history for the HTTP API: minute points, roll-ups and per-series statistics. */
@ApplicationScoped
public class HistoryQueries {

    /** One roll-up bucket of one depth. */
    public record RollupRow(long time, double depth, double avgBidValue, double minBidValue, double maxBidValue,
            double avgAskValue, double minAskValue, double maxAskValue, double avgBidVolume, double avgAskVolume,
            int samples) {
    }

    /** What is stored for one series. */
    public record SeriesStats(long minutes, Long oldest, Long newest, int daysAvailable, long hourlyBuckets,
            long dailyBuckets) {
    }

    @Inject
    AgroalDataSource dataSource;

    /** Minute rows of a series within [from, to], oldest first, at most {@code limit}. */
    public List<StoredMinute> minutes(SeriesKey series, long from, long to, int limit) throws SQLException {
        List<StoredMinute> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            OptionalInt id = seriesId(c, series);
            if (id.isEmpty()) {
                return out;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT ts, samples, mid, " + MinuteColumns.VALUE_COLUMNS
                    + " FROM orderbook.minute_bands WHERE series_id = ? AND ts >= ? AND ts <= ? ORDER BY ts LIMIT ?")) {
                ps.setInt(1, id.getAsInt());
                ps.setTimestamp(2, new Timestamp(from));
                ps.setTimestamp(3, new Timestamp(to));
                ps.setInt(4, limit);
                ps.setFetchSize(2_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double[][] v = new double[MinuteColumns.KINDS.length][Depths.COUNT];
                        int col = 4;
                        for (double[] kind : v) {
                            for (int d = 0; d < Depths.COUNT; d++) {
                                kind[d] = rs.getDouble(col++);
                            }
                        }
                        out.add(new StoredMinute(rs.getTimestamp(1).getTime(), rs.getInt(2), rs.getDouble(3), v[0], v[1], v[2],
                                v[3], v[4], v[5]));
                    }
                }
            }
        }
        return out;
    }

    /** Roll-up buckets ({@code rollup_1h} or {@code rollup_1d}) of one depth within [from, to]. */
    public List<RollupRow> rollups(SeriesKey series, boolean daily, double depth, long from, long to, int limit)
            throws SQLException {
        List<RollupRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            OptionalInt id = seriesId(c, series);
            if (id.isEmpty()) {
                return out;
            }
            String table = daily ? "orderbook.rollup_1d" : "orderbook.rollup_1h";
            try (PreparedStatement ps = c.prepareStatement("SELECT bucket, depth, avg_bid_usd, min_bid_usd, max_bid_usd, "
                    + "avg_ask_usd, min_ask_usd, max_ask_usd, avg_bid_volume, avg_ask_volume, samples FROM " + table
                    + " WHERE series_id = ? AND depth = ? AND bucket >= ? AND bucket <= ? ORDER BY bucket LIMIT ?")) {
                ps.setInt(1, id.getAsInt());
                ps.setFloat(2, (float) depth);
                ps.setTimestamp(3, new Timestamp(from));
                ps.setTimestamp(4, new Timestamp(to));
                ps.setInt(5, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RollupRow(rs.getTimestamp(1).getTime(), rs.getFloat(2), rs.getDouble(3), rs.getDouble(4),
                                rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9),
                                rs.getDouble(10), rs.getInt(11)));
                    }
                }
            }
        }
        return out;
    }

    public SeriesStats stats(SeriesKey series) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            OptionalInt id = seriesId(c, series);
            if (id.isEmpty()) {
                return new SeriesStats(0, null, null, 0, 0, 0);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), min(ts), max(ts), "
                    + "count(DISTINCT date_trunc('day', ts, 'UTC')), "
                    + "(SELECT count(DISTINCT bucket) FROM orderbook.rollup_1h WHERE series_id = ?), "
                    + "(SELECT count(DISTINCT bucket) FROM orderbook.rollup_1d WHERE series_id = ?) "
                    + "FROM orderbook.minute_bands WHERE series_id = ?")) {
                ps.setInt(1, id.getAsInt());
                ps.setInt(2, id.getAsInt());
                ps.setInt(3, id.getAsInt());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Timestamp oldest = rs.getTimestamp(2);
                    Timestamp newest = rs.getTimestamp(3);
                    return new SeriesStats(rs.getLong(1), oldest == null ? null : oldest.getTime(),
                            newest == null ? null : newest.getTime(), rs.getInt(4), rs.getLong(5), rs.getLong(6));
                }
            }
        }
    }

    /** Every stored book series (not indices). */
    public List<SeriesKey> books() throws SQLException {
        List<SeriesKey> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT exchange, market, symbol, unified FROM orderbook.series "
                        + "WHERE exchange <> ? ORDER BY exchange, market, symbol")) {
            ps.setString(1, SeriesKey.INDEX_EXCHANGE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SeriesKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    private static OptionalInt seriesId(Connection c, SeriesKey s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM orderbook.series WHERE exchange = ? AND market = ? AND symbol = ?")) {
            ps.setString(1, s.exchange());
            ps.setString(2, s.market());
            ps.setString(3, s.symbol());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        }
    }
}
