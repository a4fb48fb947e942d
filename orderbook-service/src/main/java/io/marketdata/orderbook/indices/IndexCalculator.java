package io.marketdata.orderbook.indices;

import io.marketdata.orderbook.bands.Depths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Market-wide liquidity indices (SPEC §6.4), per market and depth: sums of bid/ask USD values over
 * every book of the market (all exchanges), grouped by base asset. TOTAL: every asset; TOTAL1:
 * without BTC; TOTAL2: without BTC and ETH; OTHERS: without the ten assets with the most liquidity
 * within 5 % (bid + ask).
 */
public final class IndexCalculator {

    public static final List<String> NAMES = List.of("TOTAL", "TOTAL1", "TOTAL2", "OTHERS");
    static final int OTHERS_EXCLUDES = 10;
    private static final int FIVE_PERCENT = Depths.indexOf(5).getAsInt();

    /** One book's contribution: its base asset and USD values per depth. */
    public record Contribution(String base, double[] bidValue, double[] askValue) {
    }

    /** One index's value: how many assets it sums, and the sums per depth. */
    public record IndexValue(String name, int symbolCount, double[] bidValue, double[] askValue) {
    }

    private IndexCalculator() {
    }

    /** The four indices, in {@link #NAMES} order; empty input gives zero sums. */
    public static List<IndexValue> compute(Iterable<Contribution> books) {
        Map<String, double[][]> byAsset = new HashMap<>();
        for (Contribution c : books) {
            double[][] sums = byAsset.computeIfAbsent(c.base(), k -> new double[2][Depths.COUNT]);
            for (int i = 0; i < Depths.COUNT; i++) {
                sums[0][i] += c.bidValue()[i];
                sums[1][i] += c.askValue()[i];
            }
        }
        List<String> largest = new ArrayList<>(byAsset.keySet());
        largest.sort(Comparator.comparingDouble((String a) -> -(byAsset.get(a)[0][FIVE_PERCENT] + byAsset.get(a)[1][FIVE_PERCENT]))
                .thenComparing(Comparator.naturalOrder()));
        Set<String> top = new HashSet<>(largest.subList(0, Math.min(OTHERS_EXCLUDES, largest.size())));

        Map<String, Set<String>> excluded = new LinkedHashMap<>();
        excluded.put("TOTAL", Set.of());
        excluded.put("TOTAL1", Set.of("BTC"));
        excluded.put("TOTAL2", Set.of("BTC", "ETH"));
        excluded.put("OTHERS", top);
        List<IndexValue> out = new ArrayList<>(NAMES.size());
        for (Map.Entry<String, Set<String>> e : excluded.entrySet()) {
            double[] bid = new double[Depths.COUNT];
            double[] ask = new double[Depths.COUNT];
            int count = 0;
            for (Map.Entry<String, double[][]> asset : byAsset.entrySet()) {
                if (e.getValue().contains(asset.getKey())) {
                    continue;
                }
                count++;
                for (int i = 0; i < Depths.COUNT; i++) {
                    bid[i] += asset.getValue()[0][i];
                    ask[i] += asset.getValue()[1][i];
                }
            }
            out.add(new IndexValue(e.getKey(), count, bid, ask));
        }
        return out;
    }
}
