package io.marketdata.emulator.admin;

import io.marketdata.emulator.binance.stream.StreamHub;
import io.marketdata.emulator.binance.stream.StreamVenue;
import io.marketdata.emulator.market.Instrument;
import io.marketdata.emulator.market.MarketModel;
import io.marketdata.emulator.web.JsonWriter;
import io.marketdata.emulator.web.Responses;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;

/**
 * Faults and counters of the Binance diff-depth streams, per stream venue ({@code binance-futures},
 * {@code binance-spot}): withhold the next event (a gap), drop every connection, silence the venue.
 */
@Path("/_emulator/streams/{venue}")
@Produces(MediaType.APPLICATION_JSON)
public class StreamAdminResource {

    @Inject
    StreamHub hub;

    @Inject
    MarketModel model;

    private static Response unknownVenue(String venue) {
        return Responses.adminError(404, "unknown_venue", "unknown stream venue '" + venue + "'; one of "
                + Arrays.stream(StreamVenue.values()).map(StreamVenue::id).toList());
    }

    @GET
    public Response stats(@PathParam("venue") String venueId) {
        StreamVenue venue = StreamVenue.byId(venueId);
        if (venue == null) {
            return unknownVenue(venueId);
        }
        StreamHub.Stats s = hub.stats(venue);
        return Responses.ok(new JsonWriter().beginObject()
                .field("venue", venue.id())
                .field("connections", s.connections())
                .field("subscriptions", s.subscriptions())
                .field("events_sent", s.eventsSent())
                .field("gaps_injected", s.gapsInjected())
                .field("silent", s.silent())
                .endObject());
    }

    @POST
    @Path("gap")
    public Response gap(@PathParam("venue") String venueId, @QueryParam("symbol") String symbol) {
        StreamVenue venue = StreamVenue.byId(venueId);
        if (venue == null) {
            return unknownVenue(venueId);
        }
        List<String> symbols;
        if (symbol == null || symbol.isEmpty()) {
            symbols = hub.gapAll(venue);
        } else {
            Instrument i = model.byNative(venue.venue(), symbol);
            if (i == null) {
                return Responses.adminError(404, "not_listed", venue.id() + " does not list " + symbol);
            }
            hub.gap(venue, i);
            symbols = List.of(i.nativeId());
        }
        return Responses.ok(new JsonWriter().beginObject().field("venue", venue.id())
                .strings("symbols", symbols.toArray(String[]::new)).endObject());
    }

    @POST
    @Path("drop")
    public Response drop(@PathParam("venue") String venueId) {
        StreamVenue venue = StreamVenue.byId(venueId);
        if (venue == null) {
            return unknownVenue(venueId);
        }
        int closed = hub.drop(venue);
        return Responses.ok(new JsonWriter().beginObject().field("venue", venue.id()).field("closed", closed)
                .endObject());
    }

    @PUT
    @Path("silence")
    public Response silence(@PathParam("venue") String venueId) {
        return setSilence(venueId, true);
    }

    @DELETE
    @Path("silence")
    public Response unsilence(@PathParam("venue") String venueId) {
        return setSilence(venueId, false);
    }

    private Response setSilence(String venueId, boolean silent) {
        StreamVenue venue = StreamVenue.byId(venueId);
        if (venue == null) {
            return unknownVenue(venueId);
        }
        hub.silence(venue, silent);
        return Responses.ok(new JsonWriter().beginObject().field("venue", venue.id()).field("silent", silent)
                .endObject());
    }
}
