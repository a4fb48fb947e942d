package io.marketdata.scoring.api;

import io.marketdata.scoring.history.Recalculation;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/admin/recalculate} → {@code {"recalculated": n, "skipped": k}}: re-scores every
 * non-archived token from its latest snapshot now. No authentication here (the gateway's admin
 * token guards it); this port must not be reachable from outside.
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    Recalculation recalculation;

    @POST
    @Path("/recalculate")
    public Uni<Map<String, Object>> recalculate(@HeaderParam("X-Request-Id") String requestId) {
        return recalculation.run(requestId)
                .onFailure(Recalculation.AlreadyRunning.class)
                .transform(e -> new ApiException(409, e.getMessage(), null, null))
                .map(result -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("recalculated", result.recalculated());
                    body.put("skipped", result.skipped());
                    body.put("correlation_id", result.correlationId());
                    return body;
                });
    }
}
