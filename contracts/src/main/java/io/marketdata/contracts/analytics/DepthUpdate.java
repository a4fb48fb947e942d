package io.marketdata.contracts.analytics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code depth.<exchange>.<market>.<SYMBOL>} on {@code market_analytics} (SPEC §4.4). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DepthUpdate(
        String exchange,
        String market,
        String symbol,
        long timestamp,
        double bestBid,
        double bestAsk,
        double mid,
        double spread,
        List<DepthBand> bands) {
}
