package io.marketdata.gateway.ops;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /health}: the matrix; HTTP 503 when unhealthy so a load balancer can act on the status alone. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations")
public class HealthResource {

    @Inject
    HealthMatrix matrix;

    @GET
    @Operation(summary = "Every service, RabbitMQ, PostgreSQL, Redis and each feed: healthy | degraded | unhealthy, with latencies")
    public Uni<Response> health() {
        return matrix.current().map(m -> Response.status(HealthMatrix.UNHEALTHY.equals(m.get("status")) ? 503 : 200)
                .entity(m).build());
    }
}
