package io.marketdata.gateway.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.control.ControlCommand;
import io.marketdata.contracts.control.ControlOutcome;
import io.marketdata.contracts.control.ControlRequest;
import io.marketdata.gateway.config.GatewayConfig;
import io.marketdata.gateway.http.ApiErrors;
import io.marketdata.gateway.http.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.marketdata.gateway.http.AdminAuthentication;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The collector's control queue over HTTP (SPEC §4.2, §9.1): each route sends one control request
 * ({@link ControlBridge}: RPC on the SmallRye RabbitMQ connector) and answers with the collector's
 * control response. Symbols are bounded here ({@code ControlRequest.MAX_SYMBOL_LENGTH},
 * {@code MAX_SYMBOLS}) so nothing unbounded reaches the queue or is echoed back. A failed command maps to an HTTP status by its error code; no answer within
 * {@code gateway.control.timeout} is a 504 with code {@code timeout}.
 */
@Path("/api/collector")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "collector")
public class CollectorResource {

    @Inject
    GatewayConfig config;
    @Inject
    MeterRegistry registry;

    @Inject
    ControlBridge bridge;

    /** Body of POST/PUT: {@code {"symbol": …}} or {@code {"symbols": […]}}. */
    public record SymbolsBody(String symbol, List<String> symbols) {
    }

    @GET
    @Operation(summary = "Collector statistics (control command get_statistics)")
    public Response statistics(@HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return call(request(ControlCommand.GET_STATISTICS), requestId);
    }

    @GET
    @Path("/symbols")
    @Operation(summary = "The collected symbols (get_symbols)")
    public Response symbols(@HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return call(request(ControlCommand.GET_SYMBOLS), requestId);
    }

    @RolesAllowed(AdminAuthentication.ROLE)
    @POST
    @Path("/symbols")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a symbol (add_symbol); admin token required")
    public Response add(SymbolsBody body, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return call(request(ControlCommand.ADD_SYMBOL).withSymbol(symbolOf(body, null)), requestId);
    }

    @RolesAllowed(AdminAuthentication.ROLE)
    @PUT
    @Path("/symbols")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the symbol set (set_symbols); admin token required")
    public Response replace(SymbolsBody body, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        if (body == null || body.symbols() == null || body.symbols().isEmpty()) {
            throw ApiException.badRequest("symbols", "a non-empty list 'symbols' is required");
        }
        if (body.symbols().size() > ControlRequest.MAX_SYMBOLS) {
            throw ApiException.badRequest("symbols", "at most " + ControlRequest.MAX_SYMBOLS + " symbols, not "
                    + body.symbols().size());
        }
        List<String> symbols = new ArrayList<>(body.symbols().size());
        for (String symbol : body.symbols()) {
            symbols.add(bounded("symbols", symbol));
        }
        return call(request(ControlCommand.SET_SYMBOLS).withSymbols(symbols), requestId);
    }

    @RolesAllowed(AdminAuthentication.ROLE)
    @DELETE
    @Path("/symbols")
    @Operation(summary = "Remove a symbol (remove_symbol, ?symbol=); admin token required")
    public Response remove(@QueryParam("symbol") String symbol, @HeaderParam(ApiErrors.REQUEST_ID) String requestId) {
        return call(request(ControlCommand.REMOVE_SYMBOL).withSymbol(symbolOf(null, symbol)), requestId);
    }

    private static String symbolOf(SymbolsBody body, String query) {
        String symbol = query != null && !query.isBlank() ? query : body == null ? null : body.symbol();
        if (symbol == null || symbol.isBlank()) {
            throw ApiException.badRequest("symbol", "symbol is required, e.g. {\"symbol\": \"SOL/USDT:USDT\"}");
        }
        return bounded("symbol", symbol); // its form is checked by the collector, which answers invalid_command
    }

    /** A symbol of at most {@code ControlRequest.MAX_SYMBOL_LENGTH} characters, trimmed; else a 400 naming {@code field}. */
    static String bounded(String field, String symbol) {
        String s = symbol == null ? "" : symbol.trim();
        if (s.isEmpty()) {
            throw ApiException.badRequest(field, field + " must not contain empty symbols");
        }
        if (s.length() > ControlRequest.MAX_SYMBOL_LENGTH) {
            throw ApiException.badRequest(field, "a symbol has at most " + ControlRequest.MAX_SYMBOL_LENGTH
                    + " characters, not " + s.length() + ": '" + ApiErrors.echo(s) + "'");
        }
        return s;
    }

    private static ControlRequest request(ControlCommand command) {
        return ControlRequest.of(command, "gateway-" + UUID.randomUUID(), System.currentTimeMillis() / 1000);
    }

    private Response call(ControlRequest request, String requestId) {
        ControlOutcome outcome = bridge.call(config.control().queue(), request, config.control().timeout());
        registry.counter("gateway_control_requests_total", "command", request.command(), "outcome",
                outcome.getClass().getSimpleName()).increment();
        if (outcome instanceof ControlOutcome.Answered answered) {
            JsonNode body = parse(answered.body());
            int status = body.path("success").asBoolean(false) ? 200 : statusOf(body.path("error").asText(""));
            return Response.status(status).type(MediaType.APPLICATION_JSON).entity(answered.body()).build();
        }
        if (outcome instanceof ControlOutcome.TimedOut) {
            return error(504, "timeout", "the collector did not answer " + request.command() + " within "
                    + config.control().timeout().toSeconds() + " s (is collector-service running?)", request, requestId);
        }
        if (outcome instanceof ControlOutcome.QueueMissing missing) {
            return error(503, "collector_unavailable", "the control queue " + missing.queue()
                    + " does not exist: collector-service has never started", request, requestId);
        }
        return error(503, "broker_unavailable", ApiErrors.echo(((ControlOutcome.BrokerUnavailable) outcome).reason(),
                ApiErrors.MAX_MESSAGE), request, requestId);
    }

    /** The control error codes of SPEC §4.2 as HTTP statuses. */
    static int statusOf(String code) {
        return switch (code) {
            case "invalid_command", "invalid_json", "unknown_command" -> 400;
            case "symbol_not_found" -> 404;
            case "duplicate_symbol" -> 409;
            default -> 502;
        };
    }

    private static Response error(int status, String code, String message, ControlRequest request, String requestId) {
        Map<String, Object> body = ApiErrors.body(status, code, message, null, requestId);
        body.put("command", request.command());
        body.put("correlation_id", request.correlationId());
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
