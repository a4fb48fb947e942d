package io.marketdata.orderbook.history;

import io.agroal.api.AgroalDataSource;
import io.marketdata.orderbook.config.OrderbookConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Background upkeep of the history: hourly and daily roll-ups of the hours that received minute
 * points (recomputed whole, so idempotent), and retention — minute partitions older than the
 * retention are dropped whole; roll-ups are kept.
 */
@ApplicationScoped
public class HistoryMaintenance {

    private static final Logger LOG = Logger.getLogger(HistoryMaintenance.class);
    private static final long DAY_MS = 86_400_000L;

    private static final String ROLLUP_HOURS = "INSERT INTO orderbook.rollup_1h (series_id, bucket, depth, avg_bid_usd, "
            + "min_bid_usd, max_bid_usd, avg_ask_usd, min_ask_usd, max_ask_usd, avg_bid_volume, avg_ask_volume, samples) "
            + "SELECT m.series_id, date_trunc('hour', m.ts, 'UTC'), v.depth, avg(v.bid_usd), min(v.bid_usd), max(v.bid_usd), "
            + "avg(v.ask_usd), min(v.ask_usd), max(v.ask_usd), avg(v.bid_qty), avg(v.ask_qty), count(*) "
            + "FROM orderbook.minute_bands m CROSS JOIN LATERAL " + MinuteColumns.unpivotValues() + " "
            + "WHERE m.ts >= $1 AND m.ts < $2 GROUP BY m.series_id, date_trunc('hour', m.ts, 'UTC'), v.depth "
            + "ON CONFLICT (series_id, bucket, depth) DO UPDATE SET " + updateAll();

    private static final String ROLLUP_DAYS = "INSERT INTO orderbook.rollup_1d (series_id, bucket, depth, avg_bid_usd, "
            + "min_bid_usd, max_bid_usd, avg_ask_usd, min_ask_usd, max_ask_usd, avg_bid_volume, avg_ask_volume, samples) "
            + "SELECT series_id, date_trunc('day', bucket, 'UTC'), depth, sum(avg_bid_usd * samples) / sum(samples), "
            + "min(min_bid_usd), max(max_bid_usd), sum(avg_ask_usd * samples) / sum(samples), min(min_ask_usd), "
            + "max(max_ask_usd), sum(avg_bid_volume * samples) / sum(samples), sum(avg_ask_volume * samples) / sum(samples), "
            + "sum(samples) FROM orderbook.rollup_1h WHERE bucket >= $1 AND bucket < $2 "
            + "GROUP BY series_id, date_trunc('day', bucket, 'UTC'), depth "
            + "ON CONFLICT (series_id, bucket, depth) DO UPDATE SET " + updateAll();

    /** Retention (catalog reads, DROP TABLE) through JDBC. */
    @Inject
    AgroalDataSource dataSource;
    /** Roll-up writes through the reactive client. */
    @Inject
    Pool pool;
    @Inject
    HistoryStore store;
    @Inject
    OrderbookConfig config;
    @Inject
    MeterRegistry registry;

    private ScheduledExecutorService scheduler;
    private Counter rollupFailures;

    private static String updateAll() {
        StringBuilder sb = new StringBuilder();
        for (String c : List.of("avg_bid_usd", "min_bid_usd", "max_bid_usd", "avg_ask_usd", "min_ask_usd", "max_ask_usd",
                "avg_bid_volume", "avg_ask_volume", "samples")) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(c).append(" = EXCLUDED.").append(c);
        }
        return sb.toString();
    }

    void start(@Observes StartupEvent event) {
        rollupFailures = Counter.builder("orderbook_maintenance_failures_total")
                .description("Roll-up or retention runs that failed (retried next period)").register(registry);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "history-maintenance"));
        long rollup = config.history().rollupInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::rollUpQuietly, rollup, rollup, TimeUnit.MILLISECONDS);
        long maintenance = config.history().maintenanceInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::retentionQuietly, 10_000, maintenance, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void rollUpQuietly() {
        try {
            rollUp();
        } catch (RuntimeException e) {
            rollupFailures.increment();
            LOG.warnf("roll-up failed, retrying next period: %s", e.getMessage());
        }
    }

    private void retentionQuietly() {
        try {
            applyRetention(System.currentTimeMillis());
        } catch (SQLException | RuntimeException e) {
            rollupFailures.increment();
            LOG.warnf("retention failed, retrying next period: %s", e.getMessage());
        }
    }

    /** Recomputes the roll-ups of every hour written since the last run, and of their days. */
    public synchronized void rollUp() {
        List<Long> hours = store.drainDirtyHours();
        if (hours.isEmpty()) {
            return;
        }
        try {
            rollUp(hours);
        } catch (RuntimeException e) {
            store.markDirty(hours);
            throw e;
        }
    }

    /** Hours, then their days, as two batched upserts in one transaction of the reactive client. */
    private void rollUp(List<Long> hours) {
        TreeSet<Long> days = new TreeSet<>();
        List<Tuple> hourRanges = new ArrayList<>();
        for (long hour : hours) {
            hourRanges.add(Tuple.of(utc(hour), utc(hour + HistoryStore.HOUR_MS)));
            days.add(Math.floorDiv(hour, DAY_MS) * DAY_MS);
        }
        List<Tuple> dayRanges = days.stream().map(day -> Tuple.of(utc(day), utc(day + DAY_MS))).toList();
        pool.withTransaction(c -> c.preparedQuery(ROLLUP_HOURS).executeBatch(hourRanges)
                        .chain(() -> c.preparedQuery(ROLLUP_DAYS).executeBatch(dayRanges)))
                .await().atMost(config.checkpoint().writeTimeout());
        LOG.debugf("rolled up %d hours, %d days", hours.size(), days.size());
    }

    private static OffsetDateTime utc(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC);
    }

    /** Drops the daily minute partitions that end before {@code nowMs − retention}. Returns their names. */
    public List<String> applyRetention(long nowMs) throws SQLException {
        LocalDate cutoff = LocalDate.ofEpochDay(Math.floorDiv(nowMs - config.history().retention().toMillis(), DAY_MS));
        List<String> dropped = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT child.relname FROM pg_inherits "
                    + "JOIN pg_class parent ON parent.oid = pg_inherits.inhparent "
                    + "JOIN pg_class child ON child.oid = pg_inherits.inhrelid "
                    + "JOIN pg_namespace ns ON ns.oid = parent.relnamespace "
                    + "WHERE parent.relname = 'minute_bands' AND ns.nspname = 'orderbook'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                LocalDate day = LocalDate.parse(name.substring(name.lastIndexOf("_p") + 2), DateTimeFormatter.BASIC_ISO_DATE);
                // the partition holds [day, day+1): all of it is older than the cutoff when day+1 ≤ cutoff
                if (!day.plusDays(1).isAfter(cutoff)) {
                    st.execute("DROP TABLE IF EXISTS orderbook." + name);
                    dropped.add(name);
                }
            }
        }
        if (!dropped.isEmpty()) {
            store.forgetPartitions();
            LOG.infof("retention (%s): dropped minute partitions %s", config.history().retention(), dropped);
        }
        return dropped;
    }
}
