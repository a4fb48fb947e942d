package io.marketdata.lifecycle.tokens;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A token as the API shows it; times are epoch milliseconds. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenView(
        String mint,
        String name,
        String symbol,
        String signature,
        String venue,
        Long migratedAt,
        Long createdAt,
        Long updatedAt,
        String status,
        Long statusSince,
        Long activatedAt,
        Long archivedAt,
        String scoreModel,
        Double score,
        Double smoothedScore,
        Long scoredAt,
        Long lowScoreSince,
        Long metricsAt,
        Long h1TxCount,
        Double h1VolumeUsd,
        Double liquidityUsd,
        Double priceUsd,
        Double fdv,
        int lowActivityChecks,
        int poolCount,
        int activePoolCount) {
}
