package io.marketdata.emulator.faults;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * The {@code malformed} fault: the venue's real response body is cut in half, so the client gets
 * HTTP 200, a JSON content type and a body that is a proper prefix of valid JSON — never valid JSON.
 */
@Provider
public class MalformedResponseFilter implements ContainerResponseFilter {

    @Inject
    FaultRegistry faults;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path == null) {
            return;
        }
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        ApiVenue venue = ApiVenue.byPath(path);
        Fault fault = faults.get(venue);
        if (fault == null || fault.mode() != FaultMode.MALFORMED) {
            return;
        }
        Object entity = response.getEntity();
        if (entity instanceof String body) {
            response.setStatus(200);
            response.setEntity(truncate(body));
        }
    }

    /** A proper, non-empty prefix of a JSON text: unbalanced, hence invalid. */
    static String truncate(String body) {
        if (body.length() <= 1) {
            return "{";
        }
        return body.substring(0, Math.max(1, body.length() / 2));
    }
}
