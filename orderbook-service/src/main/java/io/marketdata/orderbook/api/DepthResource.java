package io.marketdata.orderbook.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.orderbook.cache.HotCache;
import io.marketdata.orderbook.consume.BookPipeline;
import io.marketdata.orderbook.consume.LatestBook;
import io.marketdata.orderbook.history.HistoryQueries;
import io.marketdata.orderbook.history.SeriesKey;
import io.marketdata.orderbook.publish.BookSummary;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Current bands and book summary of one book (from the hot cache, or this instance's memory). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DepthResource {

    @Inject
    HotCache cache;
    @Inject
    BookPipeline pipeline;
    @Inject
    HistoryQueries queries;

    /** Best bid/ask, spread, mid, top-20 levels per side, and the six bands with DIFF. */
    @GET
    @Path("/depth/{exchange}/{market}")
    public Response current(@PathParam("exchange") String exchange, @PathParam("market") String market,
            @QueryParam("symbol") String symbol) throws IOException {
        SeriesKey book = Params.book(exchange, market, symbol);
        Optional<String> cached;
        String source = "cache";
        try {
            cached = cache.get(cache.latestKey(book.exchange(), book.market(), book.symbol()));
        } catch (HotCache.CacheUnavailableException e) {
            cached = Optional.empty();
            source = "memory";
        }
        JsonNode body;
        if (cached.isPresent()) {
            body = Json.MAPPER.readTree(cached.get());
        } else {
            LatestBook latest = pipeline.latest().get(book.id());
            if (latest == null) {
                throw ApiException.notFound("no current book for " + book.id());
            }
            body = Json.MAPPER.valueToTree(BookSummary.of(latest));
            source = "memory";
        }
        Map<String, Object> out = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        out.put("age_ms", Math.max(0, System.currentTimeMillis() - body.path("timestamp").asLong()));
        out.put("source", source);
        return Response.ok(out).build();
    }

    /** Books with stored history, and whether each has a current value in this instance. */
    @GET
    @Path("/books")
    public List<Map<String, Object>> books() throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SeriesKey s : queries.books()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("exchange", s.exchange());
            row.put("market", s.market());
            row.put("symbol", s.symbol());
            row.put("unified", s.unified());
            LatestBook latest = pipeline.latest().get(s.id());
            row.put("last_update", latest == null ? null : latest.timestamp());
            out.add(row);
        }
        return out;
    }
}
