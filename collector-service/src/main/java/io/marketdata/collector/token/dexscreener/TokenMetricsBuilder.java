package io.marketdata.collector.token.dexscreener;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.token.PoolMetrics;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.contracts.token.WindowMetrics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns one DexScreener answer (a bare array of pairs, {@code /tokens/v1} or {@code /token-pairs/v1})
 * into one {@code token.metrics} per requested mint (pure, no I/O).
 *
 * <ul>
 *   <li>Only Solana pairs whose {@code baseToken.address} is a requested mint count (DexScreener
 *       may list pairs in which the token is the quote); a pair listed twice counts once.</li>
 *   <li>Every pool is listed; bonding curves ({@code dexId} in the configured list, pump.fun's
 *       {@code pumpfun} and Raydium LaunchLab's {@code launchlab}) with {@code tradeable=false}.</li>
 *   <li>Windows m5/h1/h6/h24 (buys, sells, volume) are summed over the <b>tradeable pools only</b>:
 *       the curve's counts are the token's pre-migration trading (DexScreener keeps reporting them
 *       for 24 h), and mixing them in would make a freshly migrated token look busier than any pool
 *       anybody can trade on now.</li>
 *   <li>Price and FDV are those of the most liquid tradeable pool (a pool without liquidity ranks
 *       below any with); null without a tradeable pool.</li>
 *   <li>What DexScreener leaves out (windows without trades, {@code liquidity}, {@code priceUsd})
 *       is 0 in sums and null as a pool value, not an error; flags in {@code data_quality} say what
 *       was missing: {@code no_pairs}, {@code no_tradeable_pool}, {@code missing_liquidity},
 *       {@code missing_price}, {@code invalid_pair} (skipped: no usable address or dexId),
 *       {@code invalid_values} (negative or non-numeric numbers, read as missing).</li>
 * </ul>
 */
public final class TokenMetricsBuilder {

    public static final List<String> WINDOWS = List.of("m5", "h1", "h6", "h24");
    public static final String NO_PAIRS = "no_pairs";
    public static final String NO_TRADEABLE_POOL = "no_tradeable_pool";
    public static final String MISSING_LIQUIDITY = "missing_liquidity";
    public static final String MISSING_PRICE = "missing_price";
    public static final String INVALID_PAIR = "invalid_pair";
    public static final String INVALID_VALUES = "invalid_values";

    private static final Pattern BASE58 = Pattern.compile("^[1-9A-HJ-NP-Za-km-z]{32,44}$");
    private static final String CHAIN = "solana";

    private final Set<String> bondingCurveDexIds;

    public TokenMetricsBuilder(Collection<String> bondingCurveDexIds) {
        Set<String> ids = new HashSet<>();
        for (String id : bondingCurveDexIds) {
            if (!id.isBlank()) {
                ids.add(id.trim().toLowerCase(Locale.ROOT));
            }
        }
        this.bondingCurveDexIds = Set.copyOf(ids);
    }

    public boolean tradeable(String dexId) {
        return dexId != null && !bondingCurveDexIds.contains(dexId.toLowerCase(Locale.ROOT));
    }

    /** The requested mints' pairs, in answer order; a mint without pairs maps to an empty list. */
    public static Map<String, List<JsonNode>> groupByBaseToken(JsonNode answer, Collection<String> mints) {
        Map<String, List<JsonNode>> byMint = new LinkedHashMap<>();
        for (String mint : mints) {
            byMint.put(mint, new ArrayList<>());
        }
        if (answer == null || !answer.isArray()) {
            return byMint;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode pair : answer) {
            if (!pair.isObject() || !CHAIN.equals(pair.path("chainId").asText())) {
                continue;
            }
            List<JsonNode> pairs = byMint.get(pair.path("baseToken").path("address").asText(""));
            if (pairs == null) {
                continue;
            }
            String address = pair.path("pairAddress").asText("");
            if (!address.isEmpty() && !seen.add(address)) {
                continue;
            }
            pairs.add(pair);
        }
        return byMint;
    }

    /**
     * @param answer     the parsed response body (must be an array; the caller checks)
     * @param mints      the mints requested
     * @param fetchedAt  when the answer arrived (epoch ms)
     * @param migratedAt known migration times by mint (may lack any)
     */
    public Map<String, TokenMetrics> build(JsonNode answer, Collection<String> mints, long fetchedAt,
            Function<String, Long> migratedAt) {
        Map<String, TokenMetrics> out = new LinkedHashMap<>();
        groupByBaseToken(answer, mints).forEach((mint, pairs) ->
                out.put(mint, metrics(mint, pairs, fetchedAt, migratedAt.apply(mint))));
        return out;
    }

    /** One token's metrics from its pairs (already filtered to this base mint). */
    public TokenMetrics metrics(String mint, List<JsonNode> pairs, long fetchedAt, Long migratedAt) {
        Set<String> flags = new LinkedHashSet<>();
        long[] buys = new long[WINDOWS.size()];
        long[] sells = new long[WINDOWS.size()];
        double[] volume = new double[WINDOWS.size()];
        List<PoolMetrics> pools = new ArrayList<>();
        PoolMetrics best = null;
        JsonNode bestPair = null;
        boolean anyTradeable = false;
        for (JsonNode pair : pairs) {
            String address = pair.path("pairAddress").asText("");
            String dex = pair.path("dexId").asText("");
            if (!BASE58.matcher(address).matches() || dex.isBlank()) {
                flags.add(INVALID_PAIR);
                continue;
            }
            boolean tradeable = tradeable(dex);
            Double liquidity = nonNegative(pair.path("liquidity").path("usd"), flags);
            Double price = nonNegative(pair.path("priceUsd"), flags);
            JsonNode quote = pair.path("quoteToken");
            PoolMetrics pool = new PoolMetrics(address, dex, labels(pair.path("labels")), liquidity,
                    textOrNull(quote.path("symbol")), textOrNull(quote.path("address")), price, tradeable);
            pools.add(pool);
            if (!tradeable) {
                continue;
            }
            anyTradeable = true;
            if (liquidity == null) {
                flags.add(MISSING_LIQUIDITY);
            }
            for (int w = 0; w < WINDOWS.size(); w++) {
                String key = WINDOWS.get(w);
                buys[w] += count(pair.path("txns").path(key).path("buys"), flags);
                sells[w] += count(pair.path("txns").path(key).path("sells"), flags);
                Double v = nonNegative(pair.path("volume").path(key), flags);
                volume[w] += v == null ? 0 : v;
            }
            if (best == null || moreLiquid(pool, best)) {
                best = pool;
                bestPair = pair;
            }
        }
        if (pairs.isEmpty()) {
            flags.add(NO_PAIRS);
        } else if (!anyTradeable) {
            flags.add(NO_TRADEABLE_POOL);
        }
        Double price = best == null ? null : best.priceUsd();
        Double fdv = bestPair == null ? null : nonNegative(bestPair.path("fdv"), flags);
        if (best != null && price == null) {
            flags.add(MISSING_PRICE);
        }
        Map<String, WindowMetrics> windows = new LinkedHashMap<>();
        for (int w = 0; w < WINDOWS.size(); w++) {
            windows.put(WINDOWS.get(w), new WindowMetrics(buys[w], sells[w], round2(volume[w])));
        }
        return new TokenMetrics(mint, fetchedAt, price, fdv, pools, windows, List.copyOf(flags), migratedAt);
    }

    /** An empty snapshot: DexScreener knows no pool of the mint (a temporary gap for the scorer). */
    public static TokenMetrics noPairs(String mint, long fetchedAt, Long migratedAt) {
        Map<String, WindowMetrics> windows = new LinkedHashMap<>();
        for (String w : WINDOWS) {
            windows.put(w, new WindowMetrics(0, 0, 0.0));
        }
        return new TokenMetrics(mint, fetchedAt, null, null, List.of(), windows, List.of(NO_PAIRS), migratedAt);
    }

    private static boolean moreLiquid(PoolMetrics candidate, PoolMetrics best) {
        if (candidate.liquidityUsd() == null) {
            return false;
        }
        return best.liquidityUsd() == null || candidate.liquidityUsd() > best.liquidityUsd();
    }

    private static List<String> labels(JsonNode node) {
        if (!node.isArray()) {
            return List.of();
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode label : node) {
            if (label.isTextual()) {
                labels.add(label.asText());
            }
        }
        return List.copyOf(labels);
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    /** A number (JSON number or numeric string, as {@code priceUsd} is); null when missing or unusable. */
    static Double nonNegative(JsonNode node, Set<String> flags) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isTextual()) {
            try {
                value = Double.parseDouble(node.asText().trim());
            } catch (NumberFormatException e) {
                flags.add(INVALID_VALUES);
                return null;
            }
        } else {
            flags.add(INVALID_VALUES);
            return null;
        }
        if (!Double.isFinite(value) || value < 0) {
            flags.add(INVALID_VALUES);
            return null;
        }
        return value;
    }

    private static long count(JsonNode node, Set<String> flags) {
        Double v = nonNegative(node, flags);
        return v == null ? 0 : (long) Math.floor(v);
    }

    /** Volumes are USD with cents; summing binary doubles must not print 1217969.5200000001. */
    private static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
