package io.marketdata.gateway.markets;

import io.marketdata.gateway.http.ApiErrors;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Date;
import java.util.function.Function;

/**
 * The NotArb markets file (SPEC §9.3): {@code GET /config/dynamic_strategy.toml} for the bot's
 * {@code [[markets_url]]} source, and the same as NotArb's JSON form, {@code GET /config/markets.json}.
 * No {@code @Produces}: a bot's Accept header must not turn the file into a 406.
 */
@Path("/config")
public class MarketsFileResource {

    static final String TOML = "application/toml; charset=utf-8";
    static final String JSON = "application/json";

    @Inject
    MarketsFileService files;

    @GET
    @Path("/dynamic_strategy.toml")
    public Uni<Response> toml(@HeaderParam(ApiErrors.REQUEST_ID) String requestId,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return files.current(requestId).map(file -> respond(file, TOML, MarketsFile::toml, ifNoneMatch));
    }

    @GET
    @Path("/markets.json")
    public Uni<Response> json(@HeaderParam(ApiErrors.REQUEST_ID) String requestId,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return files.current(requestId).map(file -> respond(file, JSON, MarketsFile::json, ifNoneMatch));
    }

    private static Response respond(MarketsFile file, String type, Function<MarketsFile, byte[]> body,
            String ifNoneMatch) {
        Response.ResponseBuilder b = matches(ifNoneMatch, file.etag()) ? Response.notModified()
                : Response.ok(body.apply(file)).type(type);
        b.header(HttpHeaders.CACHE_CONTROL, "max-age=1").header(HttpHeaders.ETAG, file.etag())
                .lastModified(Date.from(file.lastModified())).header("X-Markets-Groups", file.groups());
        if (file.degraded()) {
            b.header("X-Degraded", "true").header("Warning", "110 - \"Response is Stale\"");
        }
        return b.build();
    }

    /** Weak comparison (RFC 9110 §13.1.2), as If-None-Match asks. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String ours = opaque(etag);
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || opaque(t).equals(ours)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
