package io.marketdata.collector.api;

import io.marketdata.collector.stats.CollectorStatistics;
import io.marketdata.collector.symbols.SymbolRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Read-only HTTP view of the collector. Changes go through the control queue (or the gateway's
 * bridge to it), so every replica and every client sees one path for mutations.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class CollectorResource {

    @Inject
    CollectorStatistics statistics;
    @Inject
    SymbolRegistry symbols;

    /** The same data as the control command {@code get_statistics}. */
    @GET
    @Path("/statistics")
    public Map<String, Object> statistics() {
        return statistics.snapshot();
    }

    @GET
    @Path("/symbols")
    public Map<String, Object> symbols() {
        return Map.of("symbols", symbols.currentNames(), "count", symbols.current().size());
    }
}
