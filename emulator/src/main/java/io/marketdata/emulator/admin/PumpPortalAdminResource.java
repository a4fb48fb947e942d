package io.marketdata.emulator.admin;

import io.marketdata.emulator.pumpportal.PumpPortalConfig;
import io.marketdata.emulator.pumpportal.PumpPortalHub;
import io.marketdata.emulator.tokens.MigratedToken;
import io.marketdata.emulator.tokens.TokenRegistry;
import io.marketdata.emulator.web.JsonWriter;
import io.marketdata.emulator.web.Responses;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The PumpPortal feed's counters and faults: drop every connection, malform the next frames, silence
 * the feed, and migrate tokens on demand (tests and demos need not wait for the schedule).
 */
@Path("/_emulator/pumpportal")
@Produces(MediaType.APPLICATION_JSON)
public class PumpPortalAdminResource {

    static final int MAX_COUNT = 1000;

    @Inject
    PumpPortalHub hub;

    @Inject
    TokenRegistry registry;

    @Inject
    PumpPortalConfig config;

    @GET
    public Response stats() {
        registry.catchUp();
        PumpPortalHub.Stats s = hub.stats();
        return Responses.ok(new JsonWriter().beginObject()
                .field("connections", s.connections())
                .name("subscriptions").beginObject()
                .field("migration", s.migrationSubscribers())
                .field("new_token", s.newTokenSubscribers())
                .endObject()
                .field("frames_sent", s.framesSent())
                .field("malformed_sent", s.malformedSent())
                .field("malformed_pending", s.malformedPending())
                .field("silent", s.silent())
                .field("migrations", registry.count())
                .field("tokens_kept", registry.kept())
                .field("migration_interval_ms", registry.intervalMs())
                .field("create_interval_ms", config.createInterval().toMillis())
                .endObject());
    }

    @POST
    @Path("drop")
    public Response drop() {
        return Responses.ok(new JsonWriter().beginObject().field("closed", hub.drop()).endObject());
    }

    @POST
    @Path("malformed")
    public Response malformed(@QueryParam("count") String count) {
        Integer n = Responses.intOrNull(count, 1);
        if (n == null || n < 1 || n > MAX_COUNT) {
            return Responses.adminError(400, "bad_request", "count must be an integer within [1, " + MAX_COUNT + "]");
        }
        return Responses.ok(new JsonWriter().beginObject().field("malformed_pending", hub.malformed(n)).endObject());
    }

    @PUT
    @Path("silence")
    public Response silence() {
        hub.silence(true);
        return Responses.ok(new JsonWriter().beginObject().field("silent", true).endObject());
    }

    @DELETE
    @Path("silence")
    public Response unsilence() {
        hub.silence(false);
        return Responses.ok(new JsonWriter().beginObject().field("silent", false).endObject());
    }

    @POST
    @Path("migrate")
    public Response migrate(@QueryParam("count") String count) {
        Integer n = Responses.intOrNull(count, 1);
        if (n == null || n < 1 || n > MAX_COUNT) {
            return Responses.adminError(400, "bad_request", "count must be an integer within [1, " + MAX_COUNT + "]");
        }
        JsonWriter w = new JsonWriter(256 * n).beginObject();
        w.name("migrated").beginArray();
        for (MigratedToken t : registry.migrateNow(n)) {
            TokenAdminResource.identity(w.beginObject(), t).endObject();
        }
        w.endArray();
        return Responses.ok(w.field("migrations", registry.count()).endObject());
    }
}
