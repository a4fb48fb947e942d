package io.marketdata.contracts.analytics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Liquidity within {@code depth} % of the best price on each side, and the DIFF between them. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DepthBand(
        double depth,
        double bidVolume,
        double askVolume,
        double bidValueUsd,
        double askValueUsd,
        double diff,
        double percentage) {
}
