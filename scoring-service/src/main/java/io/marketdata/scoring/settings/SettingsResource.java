package io.marketdata.scoring.settings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.scoring.api.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/settings} — the latest version, in the shape of {@code settings.updated}
 * ({@code {"version", "settings", "updated_at"}}), which every {@code SettingsFollower} loads.
 * {@code PUT} (or {@code POST}, as in the seed) with a partial JSON object changes them.
 *
 * <p>No authentication here: the gateway checks the admin token and proxies; this port must not be
 * reachable from outside.
 */
@Path("/api/settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private static final Logger LOG = Logger.getLogger(SettingsResource.class);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    @Inject
    SettingsStore store;
    @Inject
    ActiveSettings active;
    @Inject
    MeterRegistry registry;

    @GET
    public Uni<Response> get() {
        return store.latest().map(latest -> Response.ok(Json.toBytes(latest.toMessage()), MediaType.APPLICATION_JSON).build());
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> put(byte[] body, @HeaderParam("X-Request-Id") String requestId) {
        return change(body, requestId);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> post(byte[] body, @HeaderParam("X-Request-Id") String requestId) {
        return change(body, requestId);
    }

    private Uni<Response> change(byte[] body, String requestId) {
        Map<String, Object> changes = parse(body);
        String correlationId = requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId;
        return store.update(changes, correlationId).map(outcome -> {
            if (outcome instanceof SettingsStore.Invalid invalid) {
                count("invalid");
                throw new ApiException(400, "invalid settings", null, invalid.errors());
            }
            SettingsStore.Version version;
            if (outcome instanceof SettingsStore.Updated updated) {
                version = updated.version();
                active.appliedLocally(version);
                count("updated");
                LOG.infof("settings version %d stored (changed: %s)", version.version(), changes.keySet());
            } else {
                version = ((SettingsStore.Unchanged) outcome).version();
                count("unchanged");
            }
            return Response.ok(Json.toBytes(version.toMessage()), MediaType.APPLICATION_JSON).build();
        });
    }

    private static Map<String, Object> parse(byte[] body) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("body", "invalid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("body", "the body must be a JSON object of settings to change");
        }
        return Json.MAPPER.convertValue(node, MAP);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private void count(String outcome) {
        registry.counter("scoring_settings_changes_total", "outcome", outcome).increment();
    }
}
