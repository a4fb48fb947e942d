package io.marketdata.gateway.upstream;

/** A service did not answer usefully: connection refused, timeout, 5xx, or its circuit is open. */
public class UpstreamUnavailableException extends RuntimeException {

    public UpstreamUnavailableException(Service service, String message, Throwable cause) {
        super(service.displayName() + ": " + message, cause);
    }
}
