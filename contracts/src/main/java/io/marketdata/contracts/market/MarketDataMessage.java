package io.marketdata.contracts.market;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One normalized snapshot of a market on {@code futures_data} (SPEC §4.1): routing key
 * {@code futures.<exchange>.<SYMBOL>} or {@code spot.<exchange>.<SYMBOL>}. Sizes are in base
 * units, times in epoch milliseconds. Funding fields are null for spot.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MarketDataMessage(
        String exchange,
        String market,
        String symbol,
        long timestamp,
        Ticker ticker,
        OrderBook orderbook,
        Double fundingRate,
        Long nextFundingTime,
        Double markPrice,
        Map<String, Object> extra) {

    public static final int SCHEMA_VERSION = 1;
}
