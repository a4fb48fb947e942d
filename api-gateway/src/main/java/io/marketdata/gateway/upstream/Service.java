package io.marketdata.gateway.upstream;

import io.marketdata.gateway.config.GatewayConfig;

/** The services behind the gateway, each reached over its own HTTP API. */
public enum Service {
    ORDERBOOK("orderbook-service"),
    LIFECYCLE("lifecycle-service"),
    SCORING("scoring-service"),
    COLLECTOR("collector-service");

    private final String displayName;

    Service(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public String baseUrl(GatewayConfig config) {
        GatewayConfig.Services s = config.services();
        return switch (this) {
            case ORDERBOOK -> s.orderbook();
            case LIFECYCLE -> s.lifecycle();
            case SCORING -> s.scoring();
            case COLLECTOR -> s.collector();
        };
    }
}
