package io.marketdata.emulator.faults;

import io.marketdata.emulator.web.JsonWriter;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests received per venue, per path (after the venue prefix) and per response status, with the
 * time of the first and last request — faulted requests included — since start or the last reset.
 */
@Startup
@ApplicationScoped
public class RequestStats {

    private static final class VenueStats {
        final LongAdder total = new LongAdder();
        final Map<String, LongAdder> paths = new ConcurrentHashMap<>();
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final AtomicLong first = new AtomicLong();
        final AtomicLong last = new AtomicLong();
    }

    private volatile Map<ApiVenue, VenueStats> stats = fresh();
    private volatile long since = System.currentTimeMillis();

    private static Map<ApiVenue, VenueStats> fresh() {
        Map<ApiVenue, VenueStats> m = new ConcurrentHashMap<>();
        for (ApiVenue v : ApiVenue.values()) {
            m.put(v, new VenueStats());
        }
        return m;
    }

    public void request(ApiVenue venue, String path, long nowMs) {
        VenueStats s = stats.get(venue);
        s.total.increment();
        s.paths.computeIfAbsent(path, p -> new LongAdder()).increment();
        s.first.compareAndSet(0, nowMs);
        s.last.accumulateAndGet(nowMs, Math::max);
    }

    public void status(ApiVenue venue, int status) {
        stats.get(venue).statuses.computeIfAbsent(status, x -> new LongAdder()).increment();
    }

    public long total(ApiVenue venue) {
        return stats.get(venue).total.sum();
    }

    public void reset() {
        stats = fresh();
        since = System.currentTimeMillis();
    }

    public String toJson() {
        Map<ApiVenue, VenueStats> snapshot = stats;
        long total = 0;
        for (VenueStats s : snapshot.values()) {
            total += s.total.sum();
        }
        JsonWriter w = new JsonWriter(2048).beginObject().field("since", since).field("total", total);
        w.name("venues").beginObject();
        for (ApiVenue v : ApiVenue.values()) {
            VenueStats s = snapshot.get(v);
            w.name(v.id()).beginObject().field("total", s.total.sum());
            long first = s.first.get();
            long last = s.last.get();
            if (first == 0) {
                w.fieldNull("first_request_at").fieldNull("last_request_at");
            } else {
                w.field("first_request_at", first).field("last_request_at", last);
            }
            w.name("paths").beginObject();
            for (Map.Entry<String, LongAdder> e : new TreeMap<>(s.paths).entrySet()) {
                w.field(e.getKey(), e.getValue().sum());
            }
            w.endObject();
            w.name("statuses").beginObject();
            for (Map.Entry<Integer, LongAdder> e : new TreeMap<>(s.statuses).entrySet()) {
                w.field(Integer.toString(e.getKey()), e.getValue().sum());
            }
            w.endObject();
            w.endObject();
        }
        w.endObject().endObject();
        return w.toString();
    }
}
