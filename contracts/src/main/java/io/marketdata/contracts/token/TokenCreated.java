package io.marketdata.contracts.token;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code token.created}: a pump.fun token migrated. {@code venue} is PumpPortal's pool label
 * (e.g. {@code pump-amm}); {@code migrated_at} is the receipt time (the feed has no timestamp).
 * {@code name}/{@code symbol} are null when the migration frame does not carry them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenCreated(String mint, String name, String symbol, String signature, String venue, long migratedAt) {
}
