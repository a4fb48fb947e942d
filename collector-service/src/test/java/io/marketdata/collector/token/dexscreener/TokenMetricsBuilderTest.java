package io.marketdata.collector.token.dexscreener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.token.PoolMetrics;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.contracts.token.WindowMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grouping and summing of DexScreener pairs, on answers in DexScreener's own shape. */
class TokenMetricsBuilderTest {

    static final String MINT = "FhQQCBRo7eVHjDWv6qziKVath8p9C5TFPwV3fDmcpump";
    static final String OTHER = "4A73haBcpiwwKDxiG3NDqBgM1sxCuHso3PrFuieLpump";
    static final String SOL = "So11111111111111111111111111111111111111112";
    static final long NOW = 1_795_300_000_000L;

    private final TokenMetricsBuilder builder = new TokenMetricsBuilder(List.of("pumpfun", "launchlab"));

    /** A pair as DexScreener renders it; {@code extra} replaces whole members (txns, volume, liquidity, …). */
    static String pair(String dex, String address, String base, String extra) {
        return "{\"chainId\":\"solana\",\"dexId\":\"" + dex + "\",\"url\":\"https://dexscreener.com/solana/x\","
                + "\"pairAddress\":\"" + address + "\","
                + "\"baseToken\":{\"address\":\"" + base + "\",\"name\":\"Wizard\",\"symbol\":\"WIZARD\"},"
                + "\"quoteToken\":{\"address\":\"" + SOL + "\",\"name\":\"Wrapped SOL\",\"symbol\":\"SOL\"},"
                + "\"priceNative\":\"0.0000007082\"," + extra + "}";
    }

    static final String CURVE = pair("pumpfun", "5WYdAdJEcnEitszKfqRrtX8h6ejaEedQdmb5LCfu9WQG", MINT,
            "\"priceUsd\":\"0.0001\",\"txns\":{\"m5\":{\"buys\":1000,\"sells\":1000},\"h1\":{\"buys\":5000,\"sells\":4000},"
            + "\"h6\":{\"buys\":5000,\"sells\":4000},\"h24\":{\"buys\":5000,\"sells\":4000}},"
            + "\"volume\":{\"h24\":900000,\"h6\":900000,\"h1\":900000,\"m5\":100000},\"priceChange\":{},"
            + "\"liquidity\":{\"usd\":25307.11,\"base\":1,\"quote\":84.4854},\"fdv\":100000,\"marketCap\":100000");
    static final String PUMPSWAP = pair("pumpswap", "cgkHuJL4vf32ke7Sw92zPUzb2hVFLfyM28D4nmMbKvu", MINT,
            "\"priceUsd\":\"0.0001058\",\"txns\":{\"m5\":{\"buys\":659,\"sells\":750},\"h1\":{\"buys\":2212,\"sells\":1634},"
            + "\"h6\":{\"buys\":2212,\"sells\":1634},\"h24\":{\"buys\":2212,\"sells\":1634}},"
            + "\"volume\":{\"h24\":977250.82,\"h6\":977250.82,\"h1\":977250.82,\"m5\":357800.82},"
            + "\"priceChange\":{\"m5\":-7.84},\"liquidity\":{\"usd\":31895.83,\"base\":150750051,\"quote\":106.7679},"
            + "\"fdv\":105790,\"marketCap\":105790,\"pairCreatedAt\":1795301269000");
    /** A second pool: less liquid, m5 left out (no trades in it), labels present. */
    static final String METEORA = pair("meteora", "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin", MINT,
            "\"labels\":[\"DLMM\"],\"priceUsd\":\"0.0001\",\"txns\":{\"h1\":{\"buys\":10,\"sells\":5},"
            + "\"h6\":{\"buys\":10,\"sells\":5},\"h24\":{\"buys\":10,\"sells\":5}},"
            + "\"volume\":{\"h24\":1000.5,\"h6\":1000.5,\"h1\":1000.5},\"priceChange\":{},"
            + "\"liquidity\":{\"usd\":400,\"base\":1,\"quote\":1},\"fdv\":100000");

    private static JsonNode array(String... pairs) throws Exception {
        return Json.MAPPER.readTree("[" + String.join(",", pairs) + "]");
    }

    private static void assertSchemaValid(TokenMetrics m) {
        List<String> violations = SchemaValidator.get().validate(MessageType.TOKEN_METRICS, Json.toBytes(m));
        assertTrue(violations.isEmpty(), violations.toString());
    }

    @Test
    void windowsAreSummedOverTradeablePoolsOnlyAndTheCurveIsListedNotTradeable() throws Exception {
        TokenMetrics m = builder.build(array(CURVE, PUMPSWAP, METEORA), List.of(MINT), NOW, x -> 1_795_299_000_000L).get(MINT);
        assertSchemaValid(m);
        assertEquals(3, m.pools().size());
        PoolMetrics curve = m.pools().get(0);
        assertEquals("pumpfun", curve.dex());
        assertFalse(curve.tradeable());
        assertTrue(m.pools().get(1).tradeable());
        assertEquals(List.of("DLMM"), m.pools().get(2).labels());
        assertEquals(List.of(), m.pools().get(1).labels());
        assertEquals("SOL", m.pools().get(1).quoteSymbol());
        assertEquals(SOL, m.pools().get(1).quoteAddress());
        assertEquals(31895.83, m.pools().get(1).liquidityUsd());
        // m5: only pumpswap traded (meteora's window is left out → 0); the curve's 1000/1000 never counts
        assertEquals(new WindowMetrics(659, 750, 357800.82), m.windows().get("m5"));
        assertEquals(new WindowMetrics(2222, 1639, 978251.32), m.windows().get("h1"));
        assertEquals(new WindowMetrics(2222, 1639, 978251.32), m.windows().get("h24"));
        assertEquals(List.of("m5", "h1", "h6", "h24"), List.copyOf(m.windows().keySet()));
        // price and fdv of the most liquid tradeable pool, not of the (also liquid) curve
        assertEquals(0.0001058, m.priceUsd());
        assertEquals(105790.0, m.fdv());
        assertEquals(NOW, m.fetchedAt());
        assertEquals(1_795_299_000_000L, m.migratedAt());
        assertEquals(List.of(), m.dataQuality());
    }

    @Test
    void pairsOfOtherTokensChainsAndDuplicatesAreLeftOut() throws Exception {
        String quoteSide = pair("raydium", "58oQChx4yWmvKdwLLZzBi4ChoCc2fqCUWBkwMihLYQo2", SOL, "\"priceUsd\":\"150\"");
        String otherChain = PUMPSWAP.replace("\"chainId\":\"solana\"", "\"chainId\":\"base\"");
        String otherToken = pair("pumpswap", "7qbRF6YsyGuLUVs6Y1q64bdVrfe4ZcUUz1JRdoVNUJnm", OTHER,
                "\"priceUsd\":\"0.5\",\"txns\":{\"m5\":{\"buys\":1,\"sells\":2}},\"volume\":{\"m5\":3},\"liquidity\":{\"usd\":9}");
        Map<String, TokenMetrics> out = builder.build(array(PUMPSWAP, PUMPSWAP, quoteSide, otherChain, otherToken),
                List.of(MINT, OTHER), NOW, x -> null);
        assertEquals(List.of(MINT, OTHER), List.copyOf(out.keySet()));
        assertEquals(1, out.get(MINT).pools().size());
        assertEquals(659, out.get(MINT).windows().get("m5").buys());
        TokenMetrics other = out.get(OTHER);
        assertSchemaValid(other);
        assertEquals(new WindowMetrics(1, 2, 3.0), other.windows().get("m5"));
        assertEquals(new WindowMetrics(0, 0, 0.0), other.windows().get("h24"), "missing windows are zero");
        assertNull(other.fdv());
        assertNull(other.migratedAt());
    }

    @Test
    void aMintWithoutPairsIsAnEmptySnapshotFlaggedNoPairs() throws Exception {
        TokenMetrics m = builder.build(array(PUMPSWAP), List.of(MINT, OTHER), NOW, x -> null).get(OTHER);
        assertSchemaValid(m);
        assertEquals(List.of(), m.pools());
        assertEquals(List.of("no_pairs"), m.dataQuality());
        assertNull(m.priceUsd());
        for (WindowMetrics w : m.windows().values()) {
            assertEquals(new WindowMetrics(0, 0, 0.0), w);
        }
        assertEquals(m, TokenMetricsBuilder.noPairs(OTHER, NOW, null));
    }

    @Test
    void onlyABondingCurveMeansNoTradeablePool() throws Exception {
        TokenMetrics m = builder.build(array(CURVE), List.of(MINT), NOW, x -> null).get(MINT);
        assertSchemaValid(m);
        assertEquals(List.of("no_tradeable_pool"), m.dataQuality());
        assertEquals(new WindowMetrics(0, 0, 0.0), m.windows().get("h1"));
        assertNull(m.priceUsd());
        assertNull(m.fdv());
        TokenMetrics launchlab = builder.build(array(CURVE.replace("pumpfun", "launchlab")), List.of(MINT), NOW, x -> null)
                .get(MINT);
        assertFalse(launchlab.pools().get(0).tradeable());
    }

    @Test
    void missingAndUnusableValuesAreFlaggedNotFatal() throws Exception {
        String noLiquidity = pair("raydium", "58oQChx4yWmvKdwLLZzBi4ChoCc2fqCUWBkwMihLYQo2", MINT,
                "\"labels\":[\"CPMM\"],\"txns\":{\"m5\":{\"buys\":3}},\"volume\":{}");
        String broken = pair("orca", "not-an-address", MINT, "\"priceUsd\":\"1\"");
        String negative = pair("meteora", "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin", MINT,
                "\"priceUsd\":\"abc\",\"txns\":{\"m5\":{\"buys\":-4,\"sells\":2}},\"volume\":{\"m5\":-1},\"liquidity\":{\"usd\":10}");
        TokenMetrics m = builder.build(array(noLiquidity, broken, negative), List.of(MINT), NOW, x -> null).get(MINT);
        assertSchemaValid(m);
        assertEquals(2, m.pools().size(), "the pair without a usable address is skipped");
        assertNull(m.pools().get(0).liquidityUsd());
        assertNull(m.pools().get(0).priceUsd());
        assertEquals(new WindowMetrics(3, 2, 0.0), m.windows().get("m5"));
        // the pool with liquidity wins; its price is unusable
        assertNull(m.priceUsd());
        assertTrue(m.dataQuality().containsAll(List.of("missing_liquidity", "invalid_pair", "invalid_values",
                "missing_price")), m.dataQuality().toString());
    }

    @Test
    void theBondingCurveListIsConfigurable() throws Exception {
        TokenMetricsBuilder custom = new TokenMetricsBuilder(List.of(" PumpSwap ", ""));
        TokenMetrics m = custom.build(array(CURVE, PUMPSWAP), List.of(MINT), NOW, x -> null).get(MINT);
        assertTrue(m.pools().get(0).tradeable());
        assertFalse(m.pools().get(1).tradeable());
        assertEquals(1000, m.windows().get("m5").buys());
    }
}
