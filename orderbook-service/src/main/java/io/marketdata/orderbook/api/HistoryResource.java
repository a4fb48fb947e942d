package io.marketdata.orderbook.api;

import io.marketdata.orderbook.bands.Bands;
import io.marketdata.orderbook.bands.Depths;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.history.HistoryQueries;
import io.marketdata.orderbook.history.HistoryQueries.RollupRow;
import io.marketdata.orderbook.history.SeriesKey;
import io.marketdata.orderbook.history.StoredMinute;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * History of one book (SPEC §9.1 seed routes): chart data in Lightweight-Charts form, raw minute
 * snapshots, hourly/daily roll-ups, and what is stored. Recent minutes come from the Redis hot cache,
 * older ones from PostgreSQL; {@code format=csv} exports any of them.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class HistoryResource {

    private static final Duration HOUR = Duration.ofHours(1);

    @Inject
    HistoryQueries queries;
    @Inject
    MinuteReader minutes;
    @Inject
    OrderbookConfig config;

    /** USD value within {@code depth} per minute as {@code [{time (s), value}]}; {@code type=both} gives {@code bid} and {@code ask}. */
    @GET
    @Path("/chart-data")
    public Response chartData(@BeanParam BookQuery q, @QueryParam("depth") String depthParam, @QueryParam("type") String type)
            throws SQLException {
        SeriesKey book = q.book();
        double depth = Params.depth(depthParam);
        int d = Params.depthIndex(depth);
        String side = Params.side(type);
        boolean csv = q.csv();
        Params.Range range = range(q.from, q.to);
        MinuteReader.Minutes points = minutes.read(book, range);

        if (csv) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (StoredMinute p : points.points()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("time", p.time() / 1000);
                row.put("iso_time", Instant.ofEpochMilli(p.time()).toString());
                row.put("bid_value_usd", p.bidValue()[d]);
                row.put("ask_value_usd", p.askValue()[d]);
                rows.add(row);
            }
            List<String> columns = switch (side) {
                case "bid" -> List.of("time", "iso_time", "bid_value_usd");
                case "ask" -> List.of("time", "iso_time", "ask_value_usd");
                default -> List.of("time", "iso_time", "bid_value_usd", "ask_value_usd");
            };
            return Csv.of("chart-" + book.exchange() + "-" + book.market() + "-" + book.symbol() + "-" + depth, columns, rows);
        }
        Map<String, Object> out = header(book, range);
        out.put("depth", depth);
        out.put("type", side);
        out.put("source", points.source());
        out.put("count", points.points().size());
        if (side.equals("both")) {
            out.put("bid", series(points.points(), p -> p.bidValue()[d]));
            out.put("ask", series(points.points(), p -> p.askValue()[d]));
        } else {
            out.put("data", series(points.points(), side.equals("bid") ? p -> p.bidValue()[d] : p -> p.askValue()[d]));
        }
        return Response.ok(out).build();
    }

    /** Raw minute snapshots: one row per minute and depth (only {@code depth} when given). */
    @GET
    @Path("/snapshots")
    public Response snapshots(@BeanParam BookQuery q, @QueryParam("depth") String depthParam,
            @QueryParam("limit") Integer limit) throws SQLException {
        SeriesKey book = q.book();
        Integer onlyDepth = depthParam == null || depthParam.isBlank() ? null : Params.depthIndex(Params.depth(depthParam));
        boolean csv = q.csv();
        int max = Params.limit(limit, config.history().maxRows());
        Params.Range range = range(q.from, q.to);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StoredMinute p : minutes.read(book, range).points()) {
            for (int d = 0; d < Depths.COUNT && rows.size() < max; d++) {
                if (onlyDepth != null && onlyDepth != d) {
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("time", p.time());
                row.put("iso_time", Instant.ofEpochMilli(p.time()).toString());
                row.put("depth", Depths.PERCENT[d]);
                row.put("bid_volume", p.bidVolume()[d]);
                row.put("ask_volume", p.askVolume()[d]);
                row.put("bid_value_usd", p.bidValue()[d]);
                row.put("ask_value_usd", p.askValue()[d]);
                row.put("diff", p.bidVolume()[d] - p.askVolume()[d]);
                row.put("percentage", Bands.percentage(p.bidVolume()[d], p.askVolume()[d]));
                row.put("avg_bid_value_usd", p.avgBidValue()[d]);
                row.put("avg_ask_value_usd", p.avgAskValue()[d]);
                row.put("mid", p.mid());
                row.put("samples", p.samples());
                rows.add(row);
            }
        }
        if (csv) {
            return Csv.of("snapshots-" + book.exchange() + "-" + book.market() + "-" + book.symbol(),
                    rows.isEmpty() ? List.of("time", "iso_time", "depth") : List.copyOf(rows.get(0).keySet()), rows);
        }
        Map<String, Object> out = header(book, range);
        out.put("count", rows.size());
        out.put("data", rows);
        return Response.ok(out).build();
    }

    /** Hourly ({@code 1h}) or daily ({@code 1d}) roll-ups of one depth: avg/min/max USD values, avg volumes, count. */
    @GET
    @Path("/analytics/history")
    public Response history(@BeanParam BookQuery q, @QueryParam("depth") String depthParam,
            @QueryParam("interval") String interval) throws SQLException {
        SeriesKey book = q.book();
        double depth = Params.depth(depthParam);
        String iv = Params.interval(interval, false);
        boolean csv = q.csv();
        Params.Range range = Params.range(q.from, q.to, iv.equals("1d") ? Duration.ofDays(30) : Duration.ofDays(1),
                config.history().maxQueryRange(), System.currentTimeMillis());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RollupRow r : queries.rollups(book, iv.equals("1d"), depth, range.from(), range.to(), config.history().maxRows())) {
            rows.add(rollupRow(r));
        }
        if (csv) {
            return Csv.of("history-" + iv + "-" + book.exchange() + "-" + book.market() + "-" + book.symbol() + "-" + depth,
                    ROLLUP_COLUMNS, rows);
        }
        Map<String, Object> out = header(book, range);
        out.put("depth", depth);
        out.put("interval", iv);
        out.put("count", rows.size());
        out.put("data", rows);
        return Response.ok(out).build();
    }

    /** How much history one book has: minute points, oldest/newest, days with data, roll-up buckets. */
    @GET
    @Path("/analytics/stats")
    public Map<String, Object> stats(@BeanParam BookQuery q) throws SQLException {
        SeriesKey book = q.book();
        HistoryQueries.SeriesStats s = queries.stats(book);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exchange", book.exchange());
        out.put("market", book.market());
        out.put("symbol", book.symbol());
        out.put("total_minutes", s.minutes());
        out.put("total_snapshots", s.minutes() * Depths.COUNT);
        out.put("oldest", s.oldest() == null ? null : Instant.ofEpochMilli(s.oldest()).toString());
        out.put("newest", s.newest() == null ? null : Instant.ofEpochMilli(s.newest()).toString());
        out.put("days_available", s.daysAvailable());
        out.put("hourly_buckets", s.hourlyBuckets());
        out.put("daily_buckets", s.dailyBuckets());
        return out;
    }

    static final List<String> ROLLUP_COLUMNS = List.of("time", "bucket", "depth", "avg_bid_value_usd", "min_bid_value_usd",
            "max_bid_value_usd", "avg_ask_value_usd", "min_ask_value_usd", "max_ask_value_usd", "avg_bid_volume",
            "avg_ask_volume", "count");

    static Map<String, Object> rollupRow(RollupRow r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("time", r.time() / 1000);
        row.put("bucket", Instant.ofEpochMilli(r.time()).toString());
        row.put("depth", r.depth());
        row.put("avg_bid_value_usd", r.avgBidValue());
        row.put("min_bid_value_usd", r.minBidValue());
        row.put("max_bid_value_usd", r.maxBidValue());
        row.put("avg_ask_value_usd", r.avgAskValue());
        row.put("min_ask_value_usd", r.minAskValue());
        row.put("max_ask_value_usd", r.maxAskValue());
        row.put("avg_bid_volume", r.avgBidVolume());
        row.put("avg_ask_volume", r.avgAskVolume());
        row.put("count", r.samples());
        return row;
    }

    private Params.Range range(String from, String to) {
        return Params.range(from, to, HOUR, config.history().maxQueryRange(), System.currentTimeMillis());
    }

    static Map<String, Object> header(SeriesKey series, Params.Range range) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exchange", series.exchange());
        out.put("market", series.market());
        out.put("symbol", series.symbol());
        out.put("from", range.from());
        out.put("to", range.to());
        return out;
    }

    static List<Map<String, Object>> series(List<StoredMinute> points, ToDoubleFunction<StoredMinute> value) {
        List<Map<String, Object>> out = new ArrayList<>(points.size());
        for (StoredMinute p : points) {
            Map<String, Object> point = new LinkedHashMap<>(2);
            point.put("time", p.time() / 1000);
            point.put("value", value.applyAsDouble(p));
            out.add(point);
        }
        return out;
    }
}
