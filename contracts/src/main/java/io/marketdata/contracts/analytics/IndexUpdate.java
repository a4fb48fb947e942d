package io.marketdata.contracts.analytics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code index.<NAME>} on {@code market_analytics}: sums of band USD values over symbols (SPEC §6.4). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IndexUpdate(String name, String market, long timestamp, int symbolCount, List<IndexBand> bands) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record IndexBand(double depth, double bidValueUsd, double askValueUsd, double diff, double percentage) {
    }
}
