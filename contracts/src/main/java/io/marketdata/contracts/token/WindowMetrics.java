package io.marketdata.contracts.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Activity over one window (m5, h1, h6, h24), summed over the token's pools. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WindowMetrics(long buys, long sells, double volumeUsd) {

    public long transactions() {
        return buys + sells;
    }
}
