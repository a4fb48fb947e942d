package io.marketdata.contracts.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * {@code token.metrics}: a snapshot of a token's pools. {@code windows} has keys
 * {@code m5, h1, h6, h24}, summed over the token's tradeable pools; {@code data_quality} lists
 * flags such as {@code missing_liquidity}. {@code migrated_at} is the token's
 * {@code token.created.migrated_at} when the collector knows it (optional, so scorers need not
 * keep it per mint).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenMetrics(
        String mint,
        long fetchedAt,
        Double priceUsd,
        Double fdv,
        List<PoolMetrics> pools,
        Map<String, WindowMetrics> windows,
        List<String> dataQuality,
        Long migratedAt) {
}
