package io.marketdata.gateway.ops;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code GET /version}: what is running. */
@Path("/version")
@Produces(MediaType.APPLICATION_JSON)
public class VersionResource {

    private static final long STARTED_AT = System.currentTimeMillis();

    @ConfigProperty(name = "quarkus.application.name")
    String name;
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @GET
    public Map<String, Object> version() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("version", version);
        out.put("java", System.getProperty("java.version"));
        out.put("started_at", STARTED_AT);
        out.put("uptime_ms", System.currentTimeMillis() - STARTED_AT);
        return out;
    }
}
