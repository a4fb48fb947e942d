package io.marketdata.scoring.model.quality;

import static io.marketdata.scoring.model.Snapshots.CURVE;
import static io.marketdata.scoring.model.Snapshots.POOL;
import static io.marketdata.scoring.model.Snapshots.metrics;
import static io.marketdata.scoring.model.Snapshots.pool;
import static io.marketdata.scoring.model.Snapshots.window;
import static io.marketdata.scoring.model.Snapshots.withWindows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.contracts.token.WindowMetrics;
import io.marketdata.scoring.model.Snapshots;
import io.marketdata.contracts.settings.PipelineSettings;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataQualityRulesTest {

    private final PipelineSettings settings = PipelineSettings.defaults();
    private final WindowMetrics m5 = window(30, 10, 2_000.0);
    private final WindowMetrics h1 = window(150, 90, 12_000.0);

    private QualityReport assess(TokenMetrics metrics) {
        return DataQualityRules.assess(metrics, settings);
    }

    @Test
    void verdictNamesAreTheContractsDataQualityEnum() throws Exception {
        JsonNode schema;
        try (InputStream in = DataQualityRulesTest.class.getResourceAsStream(MessageType.SCORE_UPDATED.schemaResource())) {
            schema = Json.MAPPER.readTree(in);
        }
        List<String> contract = new ArrayList<>();
        schema.get("properties").get("data_quality").get("enum").forEach(value -> contract.add(value.asText()));
        assertEquals(contract, Arrays.stream(DataQuality.values()).map(DataQuality::wireName).toList());
        for (DataQuality quality : DataQuality.values()) {
            assertEquals(quality, DataQuality.fromWireName(quality.wireName()));
        }
        assertThrows(IllegalArgumentException.class, () -> DataQuality.fromWireName("bad"));
        assertEquals(List.of(DataQuality.FALLBACK_CRITICAL, DataQuality.FALLBACK_GAP),
                Arrays.stream(DataQuality.values()).filter(DataQuality::isFallback).toList());
    }

    @Test
    void cleanSnapshotIsOk() {
        QualityReport report = assess(metrics(m5, h1));
        assertEquals(DataQuality.OK, report.verdict());
        assertEquals(List.of(), report.issues());
    }

    @Test
    void negativeValuesAreCritical() {
        QualityReport report = assess(metrics(window(-1, 10, -5.0), h1));
        assertEquals(DataQuality.FALLBACK_CRITICAL, report.verdict());
        assertEquals(List.of("negative_buys_m5", "negative_volume_m5"), report.critical());

        var negativeLiquidity = metrics(m5, h1, List.of(pool(POOL, -1.0, true)), List.of());
        assertEquals(List.of("negative_liquidity"), assess(negativeLiquidity).critical());
    }

    @Test
    void nonFiniteNumbersAreCritical() {
        assertEquals(List.of("non_finite_volume_m5"), assess(metrics(window(30, 10, Double.NaN), h1)).critical());
        var infiniteLiquidity = metrics(m5, h1, List.of(pool(POOL, Double.POSITIVE_INFINITY, true)), List.of());
        assertEquals(List.of("non_finite_liquidity"), assess(infiniteLiquidity).critical());
        var badPrice = new TokenMetrics(Snapshots.MINT, 1L, Double.NaN, -3.0, List.of(pool(POOL, 1.0, true)),
                metrics(m5, h1).windows(), List.of(), null);
        assertEquals(List.of("non_finite_price", "negative_fdv"), assess(badPrice).critical());
    }

    @Test
    void missingValuesAreCritical() {
        Map<String, WindowMetrics> noH6 = new LinkedHashMap<>(metrics(m5, h1).windows());
        noH6.remove("h6");
        assertEquals(List.of("missing_window_h6"), assess(withWindows(noH6)).critical());
        assertEquals(List.of("missing_windows"), assess(withWindows(null)).critical());
        var noPools = new TokenMetrics(Snapshots.MINT, 1L, null, null, null, metrics(m5, h1).windows(), List.of(), null);
        assertEquals(List.of("missing_pools"), assess(noPools).critical());
    }

    @Test
    void liquidityWithoutTransactionsIsAWarning() {
        // 10 000 USD of tradeable liquidity (≥ min_liquidity_usd 500), not one trade in the hour
        QualityReport report = assess(metrics(window(0, 0, 0.0), window(0, 0, 0.0)));
        assertEquals(DataQuality.WARNING, report.verdict());
        assertEquals(List.of("liquidity_without_transactions"), report.warnings());
    }

    @Test
    void liquidityBelowTheThresholdWithoutTransactionsIsNoWarning() {
        var thin = metrics(window(0, 0, 0.0), window(0, 0, 0.0), List.of(pool(POOL, 499.0, true)), List.of());
        assertEquals(DataQuality.OK, assess(thin).verdict());
    }

    @Test
    void volumeAndTransactionsThatDisagreeAreWarnings() {
        QualityReport report = assess(metrics(window(0, 0, 50.0), window(3, 2, 0.0)));
        assertEquals(List.of("volume_without_transactions_m5", "transactions_without_volume_h1", "m5_exceeds_h1"),
                report.warnings());
    }

    @Test
    void onlyBondingCurvePoolsOrUnknownLiquidityAreWarnings() {
        var curveOnly = metrics(m5, h1, List.of(pool(CURVE, 80_000.0, false)), List.of());
        assertEquals(List.of("no_tradeable_pool"), assess(curveOnly).warnings());
        var unknownLiquidity = metrics(m5, h1, List.of(pool(POOL, null, true)), List.of());
        assertEquals(List.of("missing_liquidity"), assess(unknownLiquidity).warnings());
    }

    @Test
    void collectorFlagsAreCarriedAsWarnings() {
        var flagged = metrics(m5, h1, List.of(pool(POOL, 10_000.0, true)), List.of("rate_limited_partial"));
        QualityReport report = assess(flagged);
        assertEquals(DataQuality.WARNING, report.verdict());
        assertEquals(List.of("rate_limited_partial"), report.warnings());
    }

    @Test
    void criticalSnapshotsSkipTheConsistencyWarnings() {
        var broken = metrics(window(0, 0, -1.0), window(0, 0, 0.0), List.of(pool(POOL, 10_000.0, true)), List.of("stale"));
        QualityReport report = assess(broken);
        assertEquals(List.of("negative_volume_m5"), report.critical());
        assertEquals(List.of("stale"), report.warnings());
        assertEquals(List.of("negative_volume_m5", "stale"), report.issues());
    }

    @Test
    void liquidityCountsOnlyTradeablePoolsWithKnownLiquidity() {
        var mixed = metrics(m5, h1, List.of(pool(POOL, 1_500.0, true), pool(CURVE, 80_000.0, false),
                pool("4k3Dyjzvzp8eMZWUXbBCjEvwSkkk59S5iCNLY3QrkX6R", null, true)), List.of());
        assertEquals(1_500.0, DataQualityRules.tradeableLiquidityUsd(mixed));
        assertEquals(2, DataQualityRules.tradeablePools(mixed));
        assertTrue(assess(mixed).warnings().contains("missing_liquidity"));
    }
}
