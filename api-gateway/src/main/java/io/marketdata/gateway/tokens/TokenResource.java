package io.marketdata.gateway.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketdata.contracts.Json;
import io.marketdata.gateway.config.GatewayConfig;
import io.marketdata.gateway.http.ApiErrors;
import io.marketdata.gateway.http.ApiException;
import io.marketdata.gateway.http.Query;
import io.marketdata.gateway.market.MarketParams;
import io.marketdata.gateway.upstream.Answer;
import io.marketdata.gateway.upstream.Proxy;
import io.marketdata.gateway.upstream.Service;
import io.marketdata.gateway.upstream.Upstream;
import io.marketdata.gateway.upstream.UpstreamUnavailableException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.marketdata.gateway.http.AdminAuthentication;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Token routes (SPEC §9.1): lifecycle-service answers for tokens, pools and status history,
 * scoring-service for scores and settings; {@code /tokens/{mint}} joins both. Mutating routes are
 * behind the admin token ({@code @RolesAllowed}, decided on the matched method); settings are passed to their owner unchanged, so its
 * field-level 400s reach the client as they are.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens and settings")
public class TokenResource {

    private static final Set<String> STATUSES = Set.of("monitoring", "active", "archived");
    private static final Set<String> SORTS = Set.of("score", "created", "updated");
    private static final Set<String> ORDERS = Set.of("asc", "desc");
    private static final int SPARKLINE_POINTS = 30;
    private static final int SPARKLINE_CONCURRENCY = 8;

    @Inject
    Proxy proxy;
    @Inject
    Upstream upstream;
    @Inject
    GatewayConfig config;
    @Inject
    RefreshRequests refreshRequests;

    @GET
    @Path("/tokens")
    @Operation(summary = "Tokens by status, sorted by smoothed score (default) or time; sparklines=true adds score history")
    public Uni<Response> tokens(@QueryParam("status") String status, @QueryParam("sort") String sort,
            @QueryParam("order") String order, @QueryParam("limit") Integer limit,
            @QueryParam("sparklines") @DefaultValue("false") boolean sparklines,
            @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        String path = Query.path("/api/tokens").add("status", TokenParams.oneOf("status", status, STATUSES))
                .add("sort", TokenParams.oneOf("sort", sort, SORTS)).add("order", TokenParams.oneOf("order", order, ORDERS))
                .add("limit", MarketParams.limit(limit, 1000)).toString();
        Uni<Answer> list = proxy.get(Service.LIFECYCLE, path, config.cache().tokens(), requestId);
        return (sparklines ? list.flatMap(a -> withSparklines(a, requestId)) : list).map(Answer::toResponse);
    }

    @GET
    @Path("/tokens/stats")
    @Operation(summary = "Tokens per status")
    public Uni<Response> stats(@HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return proxy.get(Service.LIFECYCLE, "/api/tokens/stats", config.cache().tokens(), requestId).map(Answer::toResponse);
    }

    @GET
    @Path("/tokens/{mint}")
    @Operation(summary = "One token with its latest score, components and the metrics used")
    public Uni<Response> token(@PathParam("mint") String mintParam, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        String mint = TokenParams.mint(mintParam);
        Uni<Answer> token = proxy.get(Service.LIFECYCLE, "/api/tokens/" + mint, config.cache().tokens(), requestId);
        Uni<Answer> score = proxy.get(Service.SCORING, "/api/scores/" + mint + "/latest", config.cache().tokens(), requestId);
        return Uni.combine().all().unis(token, score).asTuple().map(t -> {
            Answer a = t.getItem1();
            if (a.status() != 200) {
                return a.toResponse();
            }
            ObjectNode body = (ObjectNode) a.tree();
            Answer s = t.getItem2();
            body.set("latest_score", s.status() == 200 ? s.tree() : null);
            boolean degraded = a.degraded() || s.degraded() || s.status() >= 500;
            if (s.status() >= 500) {
                body.put("latest_score_error", "scoring-service unavailable");
            }
            if (degraded) {
                body.put("degraded", true);
            }
            return Answer.json(200, body, a.source(), degraded).toResponse();
        });
    }

    @GET
    @Path("/tokens/{mint}/pools")
    @Operation(summary = "The token's pools: tradeable first, then by liquidity")
    public Uni<Response> pools(@PathParam("mint") String mint, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return proxy.get(Service.LIFECYCLE, "/api/tokens/" + TokenParams.mint(mint) + "/pools", config.cache().tokens(),
                requestId).map(Answer::toResponse);
    }

    @GET
    @Path("/tokens/{mint}/history")
    @Operation(summary = "The token's status changes, newest first")
    public Uni<Response> history(@PathParam("mint") String mint, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return proxy.get(Service.LIFECYCLE, "/api/tokens/" + TokenParams.mint(mint) + "/history", config.cache().tokens(),
                requestId).map(Answer::toResponse);
    }

    @GET
    @Path("/tokens/{mint}/scores")
    @Operation(summary = "Score history (oldest first), for sparklines and charts; default the last 24 h")
    public Uni<Response> scores(@PathParam("mint") String mint, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") Integer limit, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        MarketParams.Range r = MarketParams.range(from, to, Duration.ofDays(31), System.currentTimeMillis());
        String path = Query.path("/api/scores/" + TokenParams.mint(mint)).add("from", r.from()).add("to", r.to())
                .add("limit", MarketParams.limit(limit, 5000)).toString();
        return proxy.get(Service.SCORING, path, config.cache().tokens(), requestId).map(Answer::toResponse);
    }

    @RolesAllowed(AdminAuthentication.ROLE)
    @POST
    @Path("/tokens/{mint}/refresh")
    @Blocking
    @Operation(summary = "Ask the collector to fetch this token's metrics now (token.refresh_requested); admin token required")
    public Response refresh(@PathParam("mint") String mintParam, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        String mint = TokenParams.mint(mintParam);
        try {
            String correlationId = refreshRequests.publish(mint, requestId);
            return Response.accepted(Map.of("mint", mint, "requested", true, "correlation_id", correlationId)).build();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ApiException(503, "broker_unavailable", "the broker did not confirm the refresh request in time", null);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ApiException(503, "broker_unavailable", "the broker refused the refresh request: "
                    + ApiErrors.echo(String.valueOf(e.getCause()), ApiErrors.MAX_MESSAGE), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "broker_unavailable", "interrupted", null);
        } catch (Exception e) {
            throw new ApiException(503, "broker_unavailable", "the refresh request could not be published: "
                    + ApiErrors.echo(String.valueOf(e), ApiErrors.MAX_MESSAGE), null);
        }
    }

    @RolesAllowed(AdminAuthentication.ROLE)
    @POST
    @Path("/admin/recalculate")
    @Operation(summary = "Re-score every token from its latest metrics under the current settings; admin token required")
    public Uni<Response> recalculate(@HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return write(HttpMethod.POST, "/api/admin/recalculate", new byte[0], requestId);
    }

    @GET
    @Path("/settings")
    @Operation(summary = "The current pipeline settings: {version, settings, updated_at}")
    public Uni<Response> settings(@HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        // never the short cache: a client that just changed the settings must read its own change
        return proxy.fetch(Service.SCORING, "/api/settings", requestId, reason -> Uni.createFrom().item(Optional.empty()))
                .map(Answer::toResponse);
    }

    @RolesAllowed(AdminAuthentication.ROLE)
    @PUT
    @Path("/settings")
    @Operation(summary = "Change settings (a partial object); validated by the owner; admin token required")
    public Uni<Response> putSettings(byte[] body, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return write(HttpMethod.PUT, "/api/settings", body, requestId);
    }

    @RolesAllowed(AdminAuthentication.ROLE)
    @POST
    @Path("/settings")
    @Operation(summary = "As PUT (the seed's verb)")
    public Uni<Response> postSettings(byte[] body, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return write(HttpMethod.PUT, "/api/settings", body, requestId);
    }

    private Uni<Response> write(HttpMethod method, String path, byte[] body, String requestId) {
        return upstream.send(Service.SCORING, method, path, body, requestId)
                .map(r -> Answer.of(r).withRequestId(requestId).toResponse())
                .onFailure(UpstreamUnavailableException.class)
                .recoverWithItem(e -> Answer.unavailable(Service.SCORING, e.getMessage(), requestId).toResponse());
    }

    /** Adds {@code sparkline}: the last smoothed scores, oldest first, to every token of a list answer. */
    private Uni<Answer> withSparklines(Answer list, String requestId) {
        if (list.status() != 200) {
            return Uni.createFrom().item(list);
        }
        ObjectNode body = (ObjectNode) list.tree();
        List<ObjectNode> tokens = new ArrayList<>();
        body.path("tokens").forEach(t -> tokens.add((ObjectNode) t));
        if (tokens.isEmpty()) {
            return Uni.createFrom().item(list);
        }
        List<Uni<Answer>> histories = tokens.stream().map(t -> proxy.get(Service.SCORING,
                "/api/scores/" + t.path("mint").asText() + "?limit=" + SPARKLINE_POINTS, config.cache().history(), requestId))
                .toList();
        return Uni.join().all(histories).usingConcurrencyOf(SPARKLINE_CONCURRENCY).andFailFast().map(answers -> {
            for (int i = 0; i < tokens.size(); i++) {
                ArrayNode line = tokens.get(i).putArray("sparkline");
                if (answers.get(i).status() == 200) {
                    answers.get(i).tree().path("points").forEach(p -> line.add(p.path("smoothed_score").asDouble()));
                }
            }
            return new Answer(200, list.contentType(), Json.toBytes(body), list.source(), list.degraded());
        });
    }
}
