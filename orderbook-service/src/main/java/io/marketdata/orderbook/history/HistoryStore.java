package io.marketdata.orderbook.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.marketdata.contracts.Json;
import io.marketdata.orderbook.bands.Depths;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Writes checkpoints to PostgreSQL in one transaction through the reactive PostgreSQL client: minute
 * points (idempotent batched upsert on (series, minute), so a redelivered message never adds a row),
 * the open minutes to continue after a restart, and the daily partitions they need.
 */
@ApplicationScoped
public class HistoryStore {

    private static final Logger LOG = Logger.getLogger(HistoryStore.class);

    static final String SCHEMA = "orderbook";
    private static final DateTimeFormatter PARTITION_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String UPSERT_MINUTE;

    static {
        StringBuilder sql = new StringBuilder("INSERT INTO orderbook.minute_bands AS stored (ts, series_id, samples, mid, ")
                .append(MinuteColumns.VALUE_COLUMNS).append(") VALUES ($1");
        for (int i = 2; i <= 4 + MinuteColumns.KINDS.length * Depths.COUNT; i++) {
            sql.append(", $").append(i);
        }
        sql.append(") ON CONFLICT (series_id, ts) DO UPDATE SET samples = EXCLUDED.samples, mid = EXCLUDED.mid");
        for (String column : MinuteColumns.VALUE_COLUMNS.split(", ")) {
            sql.append(", ").append(column).append(" = EXCLUDED.").append(column);
        }
        // a minute rebuilt from a few redelivered books after a restart (its in-memory "closed" mark is
        // gone) must never replace the full minute already stored: only as many samples or more win
        sql.append(" WHERE stored.samples <= EXCLUDED.samples");
        UPSERT_MINUTE = sql.toString();
    }

    private static final String UPSERT_OPEN = "INSERT INTO orderbook.open_minutes (exchange, market, symbol, state) "
            // $4 is sent as text and cast by the server: bound as jsonb, a Java String would be stored as a
            // JSON string scalar instead of the object it holds
            + "VALUES ($1, $2, $3, $4::text::jsonb) ON CONFLICT (exchange, market, symbol) "
            + "DO UPDATE SET state = EXCLUDED.state, updated_at = now()";
    private static final String DELETE_OPEN =
            "DELETE FROM orderbook.open_minutes WHERE exchange = $1 AND market = $2 AND symbol = $3";

    /** Reads at start (open minutes) through JDBC, like the HTTP queries. */
    @Inject
    AgroalDataSource dataSource;
    /** Every write through the reactive client: batched upserts in one transaction per checkpoint. */
    @Inject
    Pool pool;
    @Inject
    OrderbookConfig config;

    private final Map<SeriesKey, Integer> seriesIds = new ConcurrentHashMap<>();
    private final Set<LocalDate> partitions = ConcurrentHashMap.newKeySet();
    /** Hours that received minute points since the roll-up job last looked. */
    private final Set<Long> dirtyHours = ConcurrentHashMap.newKeySet();
    static final long HOUR_MS = 3_600_000L;

    /** Puts hours back for the next roll-up run (after a failed one). */
    void markDirty(List<Long> hours) {
        dirtyHours.addAll(hours);
    }

    /** The hours written since the last call, oldest first. */
    List<Long> drainDirtyHours() {
        List<Long> out = new ArrayList<>(dirtyHours);
        dirtyHours.removeAll(out);
        out.sort(null);
        return out;
    }

    /**
     * Commits a checkpoint; on failure nothing of it is kept and the caller retries it whole. Runs on
     * the checkpoint writer's thread and waits for the reactive client (at most {@code write-timeout}).
     */
    public void write(Checkpoint checkpoint) {
        // series ids first, committed on their own: a cached id must never come from a rolled-back insert
        for (MinutePoint p : checkpoint.closed()) {
            seriesId(p.series());
        }
        pool.withTransaction(c -> ensurePartitions(c, checkpoint.closed())
                        .chain(() -> writeMinutes(c, checkpoint.closed()))
                        .chain(() -> batch(c, UPSERT_OPEN, checkpoint.open().stream()
                                .map(m -> Tuple.of(m.series.exchange(), m.series.market(), m.series.symbol(), encode(m)))
                                .toList()))
                        .chain(() -> batch(c, DELETE_OPEN, checkpoint.expired().stream()
                                .map(k -> Tuple.of(k.exchange(), k.market(), k.symbol())).toList())))
                .await().atMost(config.checkpoint().writeTimeout());
        for (MinutePoint p : checkpoint.closed()) {
            dirtyHours.add(Math.floorDiv(p.minuteMs(), HOUR_MS) * HOUR_MS);
        }
    }

    /** One round trip for a whole batch (the client pipelines the executions of a prepared statement). */
    private static Uni<Void> batch(SqlConnection c, String sql, List<Tuple> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem() : c.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
    }

    private Uni<Void> writeMinutes(SqlConnection c, List<MinutePoint> points) {
        List<Tuple> rows = new ArrayList<>(points.size());
        for (MinutePoint p : points) {
            Tuple t = Tuple.tuple()
                    .addOffsetDateTime(Instant.ofEpochMilli(p.minuteMs()).atOffset(ZoneOffset.UTC))
                    .addInteger(seriesIds.get(p.series()))
                    .addShort((short) Math.min(Short.MAX_VALUE, p.samples()))
                    .addDouble(p.mid());
            for (double[] values : new double[][] {p.bidVolume(), p.askVolume(), p.bidValue(), p.askValue(),
                p.avgBidValue(), p.avgAskValue()}) {
                for (double v : values) {
                    t.addDouble(v);
                }
            }
            rows.add(t);
        }
        return batch(c, UPSERT_MINUTE, rows);
    }

    /** The open minutes checkpointed by the previous run. */
    public List<OpenMinute> loadOpen() throws SQLException {
        List<OpenMinute> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT exchange, market, symbol, state FROM orderbook.open_minutes")) {
            while (rs.next()) {
                JsonNode state = Json.MAPPER.readTree(rs.getString(4));
                if (!state.isObject() || !state.hasNonNull("minute")) {
                    LOG.warnf("open minute of %s/%s/%s unreadable, skipped: %.200s", rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4));
                    continue;
                }
                SeriesKey key = new SeriesKey(rs.getString(1), rs.getString(2), rs.getString(3), state.path("unified").asText());
                out.add(decode(key, state));
            }
        } catch (IOException e) {
            throw new SQLException("unreadable open_minutes state: " + e.getMessage(), e);
        }
        return out;
    }

    /** The series' id, created on first use (committed on its own) and cached. */
    int seriesId(SeriesKey key) {
        Integer id = seriesIds.get(key);
        if (id != null) {
            return id;
        }
        id = pool.preparedQuery("INSERT INTO orderbook.series (exchange, market, symbol, unified) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT (exchange, market, symbol) DO UPDATE SET unified = EXCLUDED.unified RETURNING id")
                .execute(Tuple.of(key.exchange(), key.market(), key.symbol(), key.unified()))
                .map(rows -> rows.iterator().next().getInteger(0))
                .await().atMost(config.checkpoint().writeTimeout());
        seriesIds.put(key, id);
        return id;
    }

    private Uni<Void> ensurePartitions(SqlConnection c, List<MinutePoint> points) {
        Set<LocalDate> missing = new TreeSet<>();
        for (MinutePoint p : points) {
            LocalDate day = Instant.ofEpochMilli(p.minuteMs()).atZone(ZoneOffset.UTC).toLocalDate();
            if (!partitions.contains(day)) {
                missing.add(day);
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LocalDate day : missing) {
            // idempotent: other replicas may race us; remembered only once the transaction committed
            chain = chain.chain(() -> c.query("CREATE TABLE IF NOT EXISTS " + partitionName(day)
                    + " PARTITION OF orderbook.minute_bands FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('"
                    + day.plusDays(1) + " 00:00:00+00')").execute().replaceWithVoid());
        }
        return chain.invoke(() -> partitions.addAll(missing));
    }

    static String partitionName(LocalDate day) {
        return "orderbook.minute_bands_p" + day.format(PARTITION_DAY);
    }

    /** Forgets cached partitions (after the retention job dropped some). */
    void forgetPartitions() {
        partitions.clear();
    }

    private static String encode(OpenMinute m) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("unified", m.series.unified());
        o.put("minute", m.minuteMs);
        o.put("samples", m.samples);
        o.put("last_timestamp", m.lastTimestampMs);
        o.put("best_bid", m.close.bestBid);
        o.put("best_ask", m.close.bestAsk);
        array(o, "sum_bid_value", m.sumBidValue);
        array(o, "sum_ask_value", m.sumAskValue);
        array(o, "bid_volume", m.close.bidVolume);
        array(o, "ask_volume", m.close.askVolume);
        array(o, "bid_value", m.close.bidValue);
        array(o, "ask_value", m.close.askValue);
        return o.toString();
    }

    private static void array(ObjectNode o, String name, double[] values) {
        ArrayNode a = o.putArray(name);
        for (double v : values) {
            a.add(v);
        }
    }

    private static OpenMinute decode(SeriesKey key, JsonNode s) {
        OpenMinute m = new OpenMinute(key, s.path("minute").asLong());
        m.samples = s.path("samples").asInt();
        m.lastTimestampMs = s.path("last_timestamp").asLong();
        m.close.bestBid = s.path("best_bid").asDouble();
        m.close.bestAsk = s.path("best_ask").asDouble();
        read(s, "sum_bid_value", m.sumBidValue);
        read(s, "sum_ask_value", m.sumAskValue);
        read(s, "bid_volume", m.close.bidVolume);
        read(s, "ask_volume", m.close.askVolume);
        read(s, "bid_value", m.close.bidValue);
        read(s, "ask_value", m.close.askValue);
        return m;
    }

    private static void read(JsonNode s, String name, double[] into) {
        JsonNode a = s.path(name);
        for (int i = 0; i < into.length && i < a.size(); i++) {
            into[i] = a.get(i).asDouble();
        }
    }
}
