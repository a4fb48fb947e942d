package io.marketdata.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every {@code gateway.*} knob; documented in api-gateway/README.md. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Services services();

    Upstream upstream();

    Cache cache();

    Admin admin();

    RateLimit rateLimit();

    Control control();

    Redis redis();

    /** Base URLs of the services behind the gateway. */
    interface Services {
        String orderbook();

        String lifecycle();

        String scoring();

        String collector();
    }

    /** Timeouts, retries and circuit breakers of the calls to the services. */
    interface Upstream {
        @WithDefault("2s")
        Duration timeout();

        @WithDefault("2")
        int retries();

        @WithDefault("100ms")
        Duration retryDelay();

        Breaker breaker();

        @WithDefault("1h")
        Duration lastGoodTtl();

        interface Breaker {
            @WithDefault("10")
            int requestVolume();

            @WithDefault("0.5")
            double failureRatio();

            @WithDefault("5s")
            Duration delay();
        }
    }

    /** How long an answer is reused before the service is asked again. */
    interface Cache {
        @WithDefault("250ms")
        Duration depth();

        @WithDefault("5s")
        Duration history();

        @WithDefault("2s")
        Duration tokens();

        @WithDefault("1s")
        Duration marketsFile();

        @WithDefault("2s")
        Duration health();
    }

    interface Admin {
        /** Bearer token of the mutating routes; absent = they answer 503. */
        Optional<String> token();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Requests a client may make at once. */
        @WithDefault("300")
        long burst();

        /** Requests per second a client gets back. */
        @WithDefault("50")
        long perSecond();

        /** Use the first X-Forwarded-For address as the client (only behind a trusted proxy). */
        @WithDefault("false")
        boolean trustForwardedFor();
    }

    interface Control {
        @WithDefault("futures_collector_control")
        String queue();

        @WithDefault("10s")
        Duration timeout();
    }

    interface Redis {
        /** Key prefix of orderbook-service's hot cache. */
        @WithDefault("ob")
        String orderbookPrefix();

        /** Key prefix of the gateway's own keys (last good answers). */
        @WithDefault("gw")
        String prefix();
    }
}
