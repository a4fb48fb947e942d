package io.marketdata.lifecycle.tokens;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** A pool of a token; {@code tradeable} is false for bonding curves, {@code active} = in the latest snapshot. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PoolView(
        String address,
        String dex,
        List<String> labels,
        Double liquidityUsd,
        String quoteSymbol,
        String quoteAddress,
        Double priceUsd,
        boolean tradeable,
        boolean active,
        long firstSeen,
        long lastSeen) {
}
