package io.marketdata.emulator.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketdata.emulator.faults.ApiVenue;
import io.marketdata.emulator.faults.Fault;
import io.marketdata.emulator.faults.FaultMode;
import io.marketdata.emulator.faults.FaultRegistry;
import io.marketdata.emulator.web.JsonWriter;
import io.marketdata.emulator.web.Responses;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;

/**
 * Fault injection per venue (the exchanges and {@code dexscreener}): {@code PUT /_emulator/faults/{venue}} with
 * {"mode":"http500"|"http429"|"http418"|"slow"|"malformed","retry_after_seconds":2,"delay_ms":3000}.
 */
@Path("/_emulator/faults")
@Produces(MediaType.APPLICATION_JSON)
public class FaultAdminResource {

    static final int DEFAULT_RETRY_AFTER = 2;
    static final long DEFAULT_DELAY_MS = 3000;

    @Inject
    FaultRegistry faults;

    @Inject
    ObjectMapper mapper;

    private static Response unknownVenue(String venue) {
        return Responses.adminError(404, "unknown_venue", "unknown venue '" + venue + "'; one of "
                + Arrays.stream(ApiVenue.values()).map(ApiVenue::id).toList());
    }

    static void write(JsonWriter w, Fault f) {
        w.beginObject()
                .field("venue", f.venue().id())
                .field("mode", f.mode().wire())
                .field("retry_after_seconds", f.retryAfterSeconds())
                .field("delay_ms", f.delayMs())
                .field("since", f.sinceMs())
                .endObject();
    }

    @GET
    public Response list() {
        JsonWriter w = new JsonWriter().beginArray();
        for (Fault f : faults.list()) {
            write(w, f);
        }
        return Responses.ok(w.endArray());
    }

    @PUT
    @Path("{venue}")
    @Consumes(MediaType.WILDCARD)
    public Response set(@PathParam("venue") String venueId, String body) {
        ApiVenue venue = ApiVenue.byId(venueId);
        if (venue == null) {
            return unknownVenue(venueId);
        }
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return Responses.adminError(400, "bad_request", "body is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            return Responses.adminError(400, "bad_request",
                    "expected {\"mode\":\"http500|http429|http418|slow|malformed\",\"retry_after_seconds\":n,\"delay_ms\":n}");
        }
        FaultMode mode = FaultMode.parse(json.path("mode").asText(null));
        if (mode == null) {
            return Responses.adminError(400, "bad_request",
                    "mode must be one of http500, http429, http418, slow, malformed");
        }
        JsonNode retry = json.get("retry_after_seconds");
        JsonNode delay = json.get("delay_ms");
        if (retry != null && !retry.isNull() && (!retry.canConvertToInt() || retry.asInt() < 0)) {
            return Responses.adminError(400, "bad_request", "retry_after_seconds must be a non-negative integer");
        }
        if (delay != null && !delay.isNull() && (!delay.canConvertToLong() || delay.asLong() < 0
                || delay.asLong() > 600_000)) {
            return Responses.adminError(400, "bad_request", "delay_ms must be an integer within [0, 600000]");
        }
        int retryAfter = retry == null || retry.isNull() ? DEFAULT_RETRY_AFTER : retry.asInt();
        long delayMs = delay == null || delay.isNull() ? DEFAULT_DELAY_MS : delay.asLong();
        Fault fault = new Fault(venue, mode, retryAfter, delayMs, System.currentTimeMillis());
        faults.set(fault);
        JsonWriter w = new JsonWriter();
        write(w, fault);
        return Responses.ok(w);
    }

    @DELETE
    @Path("{venue}")
    public Response clear(@PathParam("venue") String venueId) {
        ApiVenue venue = ApiVenue.byId(venueId);
        if (venue == null) {
            return unknownVenue(venueId);
        }
        Fault removed = faults.clear(venue);
        return Responses.ok(new JsonWriter().beginObject().field("venue", venue.id()).field("removed", removed != null)
                .endObject());
    }

    @DELETE
    public Response clearAll() {
        int n = faults.list().size();
        faults.clearAll();
        return Responses.ok(new JsonWriter().beginObject().field("removed", n).endObject());
    }
}
