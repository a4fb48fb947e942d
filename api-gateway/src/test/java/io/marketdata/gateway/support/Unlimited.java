package io.marketdata.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** No rate limit: for tests sending hundreds of requests from one client (the limit has its own test). */
public class Unlimited implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.rate-limit.enabled", "false");
    }
}
