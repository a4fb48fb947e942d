package io.marketdata.emulator.faults;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The active fault per venue; read on every request, written by the admin API. */
@ApplicationScoped
public class FaultRegistry {

    private final Map<ApiVenue, Fault> faults = new ConcurrentHashMap<>();

    public Fault get(ApiVenue venue) {
        return venue == null ? null : faults.get(venue);
    }

    public void set(Fault fault) {
        faults.put(fault.venue(), fault);
    }

    public Fault clear(ApiVenue venue) {
        return faults.remove(venue);
    }

    public void clearAll() {
        faults.clear();
    }

    /** Active faults in venue order. */
    public List<Fault> list() {
        List<Fault> out = new ArrayList<>();
        for (ApiVenue v : ApiVenue.values()) {
            Fault f = faults.get(v);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }
}
