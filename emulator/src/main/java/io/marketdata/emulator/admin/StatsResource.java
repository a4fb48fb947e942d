package io.marketdata.emulator.admin;

import io.marketdata.emulator.binance.stream.StreamHub;
import io.marketdata.emulator.faults.RequestStats;
import io.marketdata.emulator.pumpportal.PumpPortalHub;
import io.marketdata.emulator.web.JsonWriter;
import io.marketdata.emulator.web.Responses;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Request counters per venue and path since start or the last reset (which also zeroes the Binance
 * stream and PumpPortal frame counters).
 */
@Path("/_emulator/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    @Inject
    RequestStats stats;

    @Inject
    StreamHub streams;

    @Inject
    PumpPortalHub pumpPortal;

    @GET
    public Response get() {
        return Responses.ok(stats.toJson());
    }

    @POST
    @Path("reset")
    public Response reset() {
        stats.reset();
        streams.resetCounters();
        pumpPortal.resetCounters();
        return Responses.ok(new JsonWriter().beginObject().field("reset", true)
                .field("since", System.currentTimeMillis()).endObject());
    }
}
