package io.marketdata.contracts.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** One DEX pool of a token in {@code token.metrics}. {@code tradeable} is false for bonding curves. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PoolMetrics(
        String address,
        String dex,
        List<String> labels,
        Double liquidityUsd,
        String quoteSymbol,
        String quoteAddress,
        Double priceUsd,
        boolean tradeable) {
}
