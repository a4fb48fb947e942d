package io.marketdata.orderbook.api;

import io.marketdata.contracts.analytics.IndexUpdate;
import io.marketdata.orderbook.bands.Bands;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.marketdata.orderbook.history.HistoryQueries;
import io.marketdata.orderbook.history.HistoryQueries.RollupRow;
import io.marketdata.orderbook.history.SeriesKey;
import io.marketdata.orderbook.history.StoredMinute;
import io.marketdata.orderbook.publish.AnalyticsPublisher;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The market indices TOTAL, TOTAL1, TOTAL2 and OTHERS (SPEC §6.4): current values and history. */
@Path("/api/indices")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class IndexResource {

    @Inject
    AnalyticsPublisher publisher;
    @Inject
    MinuteReader minutes;
    @Inject
    HistoryQueries queries;
    @Inject
    OrderbookConfig config;

    /** The latest value of every index of every market. */
    @GET
    public List<IndexUpdate> current() {
        List<IndexUpdate> out = new ArrayList<>(publisher.latestIndices().values());
        out.sort(Comparator.comparing(IndexUpdate::market).thenComparing(IndexUpdate::name));
        return out;
    }

    /** One index over time: minutes ({@code 1m}, default for ranges up to 2 days) or roll-ups ({@code 1h}, {@code 1d}). */
    @GET
    @Path("/{name}")
    public Response index(@PathParam("name") String nameParam, @QueryParam("market") @DefaultValue("futures") String marketParam,
            @QueryParam("depth") @DefaultValue("5") String depthParam, @QueryParam("interval") String interval,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("format") String format)
            throws SQLException {
        String name = Params.indexName(nameParam);
        String market = Params.market("market", marketParam);
        double depth = Params.depth(depthParam);
        int d = Params.depthIndex(depth);
        String iv = interval == null || interval.isBlank() ? "1m" : Params.interval(interval, true);
        boolean csv = Params.csv(format);
        Duration span = switch (iv) {
            case "1m" -> Duration.ofHours(1);
            case "1h" -> Duration.ofDays(1);
            default -> Duration.ofDays(30);
        };
        Params.Range range = Params.range(from, to, span, config.history().maxQueryRange(), System.currentTimeMillis());
        SeriesKey series = SeriesKey.index(market, name);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (iv.equals("1m")) {
            for (StoredMinute p : minutes.read(series, range).points()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("time", p.time() / 1000);
                row.put("iso_time", Instant.ofEpochMilli(p.time()).toString());
                double bid = p.bidValue()[d];
                double ask = p.askValue()[d];
                row.put("bid_value_usd", bid);
                row.put("ask_value_usd", ask);
                row.put("diff", bid - ask);
                row.put("percentage", Bands.percentage(bid, ask));
                row.put("symbol_count", p.samples());
                rows.add(row);
            }
        } else {
            for (RollupRow r : queries.rollups(series, iv.equals("1d"), depth, range.from(), range.to(),
                    config.history().maxRows())) {
                rows.add(HistoryResource.rollupRow(r));
            }
        }
        if (csv) {
            List<String> columns = iv.equals("1m")
                    ? List.of("time", "iso_time", "bid_value_usd", "ask_value_usd", "diff", "percentage", "symbol_count")
                    : HistoryResource.ROLLUP_COLUMNS;
            return Csv.of("index-" + name + "-" + market + "-" + depth + "-" + iv, columns, rows);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("market", market);
        out.put("depth", depth);
        out.put("interval", iv);
        out.put("from", range.from());
        out.put("to", range.to());
        out.put("count", rows.size());
        out.put("data", rows);
        return Response.ok(out).build();
    }
}
