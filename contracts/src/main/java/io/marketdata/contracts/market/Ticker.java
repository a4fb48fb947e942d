package io.marketdata.contracts.market;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Best bid/ask, last trade price and 24 h volume in base units. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Ticker(double bid, double ask, double last, @JsonProperty("volume_24h") Double volume24h) {
}
