package io.marketdata.emulator.admin;

import io.marketdata.emulator.market.Decimals;
import io.marketdata.emulator.market.Instrument;
import io.marketdata.emulator.market.MarketClock;
import io.marketdata.emulator.market.MarketModel;
import io.marketdata.emulator.market.OrderBook;
import io.marketdata.emulator.market.Quote;
import io.marketdata.emulator.market.Snapshot;
import io.marketdata.emulator.market.Venue;
import io.marketdata.emulator.web.BookSides;
import io.marketdata.emulator.web.JsonWriter;
import io.marketdata.emulator.web.Responses;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;

/**
 * The emulator's own API: canonical market state in base units (what a collector must publish
 * after converting a venue's native response), listings, and the market clock.
 */
@Path("/_emulator")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    MarketModel model;

    @GET
    public Response index() {
        JsonWriter w = new JsonWriter(1024).beginObject()
                .field("service", "emulator")
                .field("seed", model.seed())
                .field("tick", model.currentTick())
                .field("tick_ms", model.clock().tickMs())
                .field("frozen", model.clock().frozen());
        w.name("venues").beginArray();
        for (Venue v : Venue.values()) {
            w.beginObject().field("venue", v.id()).field("path_prefix", v.pathPrefix())
                    .field("symbols", model.instruments(v).size()).endObject();
        }
        w.endArray();
        w.strings("admin", "GET /_emulator/book/{venue}/{symbol}", "GET /_emulator/symbols/{venue}",
                "GET /_emulator/clock", "POST /_emulator/clock/freeze", "POST /_emulator/clock/resume",
                "POST /_emulator/clock/step?ticks=N", "GET /_emulator/faults", "PUT /_emulator/faults/{venue}",
                "DELETE /_emulator/faults/{venue}", "DELETE /_emulator/faults", "GET /_emulator/stats",
                "POST /_emulator/stats/reset", "GET /_emulator/streams/{venue}",
                "POST /_emulator/streams/{venue}/gap[?symbol=]", "POST /_emulator/streams/{venue}/drop",
                "PUT /_emulator/streams/{venue}/silence", "DELETE /_emulator/streams/{venue}/silence",
                "GET /_emulator/pumpportal", "POST /_emulator/pumpportal/migrate?count=N",
                "POST /_emulator/pumpportal/drop", "POST /_emulator/pumpportal/malformed?count=N",
                "PUT /_emulator/pumpportal/silence", "DELETE /_emulator/pumpportal/silence",
                "GET /_emulator/tokens[?limit=N|mint=]");
        return Responses.ok(w.endObject());
    }

    static Response unknownVenue(String venue) {
        return Responses.adminError(404, "unknown_venue", "unknown venue '" + venue + "'; one of "
                + Arrays.stream(Venue.values()).map(Venue::id).toList());
    }

    @GET
    @Path("symbols/{venue}")
    public Response symbols(@PathParam("venue") String venueId) {
        Venue venue = Venue.byId(venueId);
        if (venue == null) {
            return unknownVenue(venueId);
        }
        JsonWriter w = new JsonWriter(2048).beginArray();
        for (Instrument i : model.instruments(venue)) {
            w.str(i.routingSymbol());
        }
        return Responses.ok(w.endArray());
    }

    @GET
    @Path("book/{venue}/{symbol}")
    public Response book(@PathParam("venue") String venueId, @PathParam("symbol") String symbol) {
        Venue venue = Venue.byId(venueId);
        if (venue == null) {
            return unknownVenue(venueId);
        }
        Instrument i = model.byRouting(venue, symbol);
        if (i == null) {
            return Responses.adminError(404, "not_listed", venue.id() + " does not list " + symbol);
        }
        Snapshot s = model.snapshot(i);
        OrderBook b = s.book();
        Quote q = s.quote();
        JsonWriter w = new JsonWriter((b.bidCount() + b.askCount()) * 36 + 1024).beginObject()
                .field("venue", venue.id())
                .field("symbol", i.routingSymbol())
                .field("native_id", i.nativeId())
                .field("base", i.baseName())
                .field("quote", i.quote())
                .field("market", venue.perpetual() ? "futures" : "spot")
                .field("tick", s.tick())
                .field("frozen", model.clock().frozen())
                .field("update_id", s.updateId())
                .fieldNum("tick_size", i.tickSizeString())
                .fieldNum("contract_size", Decimals.plain(i.contractSize()))
                .fieldNum("size_unit", Decimals.plain(i.unitSize()))
                .fieldNum("best_bid", i.price(b.bestBid()))
                .fieldNum("best_ask", i.price(b.bestAsk()));
        BookSides.Level level = (out, p, u) -> out.beginArray().num(i.price(p)).num(i.baseSize(u)).endArray();
        BookSides.write(w, "bids", b, true, Integer.MAX_VALUE, level);
        BookSides.write(w, "asks", b, false, Integer.MAX_VALUE, level);
        w.fieldNum("last", i.price(q.lastTicks()));
        if (venue.perpetual()) {
            w.fieldNum("mark_price", i.price(q.markTicks()))
                    .fieldNum("index_price", i.price(q.indexTicks()))
                    .fieldNum("funding_rate", q.fundingRate().toPlainString())
                    .field("next_funding_time", model.nextFundingTime());
        } else {
            w.fieldNull("mark_price").fieldNull("index_price").fieldNull("funding_rate").fieldNull("next_funding_time");
        }
        w.fieldNum("volume_24h", Decimals.plain(q.volumeBase()))
                .fieldNum("quote_volume_24h", Decimals.plain(q.quoteVolume()))
                .field("timestamp", System.currentTimeMillis())
                .endObject();
        return Responses.ok(w);
    }

    private Response clockState() {
        MarketClock c = model.clock();
        return Responses.ok(new JsonWriter().beginObject()
                .field("tick", c.currentTick())
                .field("frozen", c.frozen())
                .field("tick_ms", c.tickMs())
                .field("seed", model.seed())
                .field("now", c.nowMs())
                .endObject());
    }

    @GET
    @Path("clock")
    public Response clock() {
        return clockState();
    }

    @POST
    @Path("clock/freeze")
    public Response freeze() {
        model.clock().freeze();
        return clockState();
    }

    @POST
    @Path("clock/resume")
    public Response resume() {
        model.clock().resume();
        return clockState();
    }

    @POST
    @Path("clock/step")
    public Response step(@QueryParam("ticks") String ticksParam) {
        long ticks = 1;
        if (ticksParam != null && !ticksParam.isEmpty()) {
            try {
                ticks = Long.parseLong(ticksParam.trim());
            } catch (NumberFormatException e) {
                return Responses.adminError(400, "bad_request", "ticks must be a non-negative integer");
            }
        }
        if (ticks < 0 || ticks > 1_000_000) {
            return Responses.adminError(400, "bad_request", "ticks must be within [0, 1000000]");
        }
        model.clock().step(ticks);
        return clockState();
    }
}
