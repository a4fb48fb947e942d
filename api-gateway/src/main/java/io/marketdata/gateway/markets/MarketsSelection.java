package io.marketdata.gateway.markets;

import io.marketdata.contracts.settings.PipelineSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which tokens and pools go into the NotArb markets file (SPEC §9.3). Pure: the caller fetches the
 * tokens, then the pools of {@link #candidates} only, then calls {@link #groups}.
 */
public final class MarketsSelection {

    /** Solana addresses: base58 (no 0, O, I, l), 32–44 characters. */
    private static final Pattern BASE58_ADDRESS = Pattern.compile("[1-9A-HJ-NP-Za-km-z]{32,44}");

    /** Reasons a pool is left out, the tag of {@code gateway_markets_pools_skipped_total}. */
    public static final String BONDING_CURVE = "bonding_curve";
    public static final String INACTIVE = "inactive";
    public static final String INVALID_ADDRESS = "invalid_address";
    public static final String DUPLICATE = "duplicate";

    private MarketsSelection() {
    }

    /** A token as lifecycle-service lists it; {@code smoothedScore} null when not scored yet. */
    public record Token(String mint, String symbol, String name, String status, Double smoothedScore) {
    }

    /** A pool of a token; {@code tradeable == false} is a bonding curve. */
    public record Pool(String address, String dex, Double liquidityUsd, boolean tradeable, boolean active) {
    }

    /** The two export settings ({@code min_score_for_config}, {@code config_top_count}). */
    public record Thresholds(double minScoreForConfig, int configTopCount) {
        public static Thresholds defaults() {
            PipelineSettings d = PipelineSettings.defaults();
            return new Thresholds(d.minScoreForConfig(), d.configTopCount());
        }
    }

    /** One {@code [[group]]}: a token and its pool addresses, best liquidity first. */
    public record Group(String mint, String symbol, String name, double smoothedScore, List<String> markets) {
    }

    /** The groups, and how many pools were left out per reason. */
    public record Result(List<Group> groups, Map<String, Integer> skipped) {
    }

    /**
     * Active tokens with smoothed score ≥ the minimum, best first (ties by mint, so the file does not
     * flap between equal tokens), at most {@code configTopCount}. Tokens whose mint is not an address
     * are ignored: the mint goes into an upstream URL.
     */
    public static List<Token> candidates(List<Token> tokens, Thresholds thresholds) {
        Set<String> seen = new HashSet<>();
        return tokens.stream()
                .filter(t -> "active".equals(t.status()))
                .filter(t -> t.smoothedScore() != null && Double.isFinite(t.smoothedScore())
                        && t.smoothedScore() >= thresholds.minScoreForConfig())
                .filter(t -> isAddress(t.mint()))
                .sorted(Comparator.comparing(Token::smoothedScore, Comparator.reverseOrder())
                        .thenComparing(Token::mint))
                .filter(t -> seen.add(t.mint()))
                .limit(Math.max(0, thresholds.configTopCount()))
                .toList();
    }

    /**
     * One group per candidate (in the candidates' order) with its active, tradeable pools, highest
     * liquidity first (unknown liquidity last, ties by address), each address once; a candidate
     * left without pools gets no group.
     */
    public static Result groups(List<Token> candidates, Map<String, List<Pool>> poolsByMint) {
        Map<String, Integer> skipped = new TreeMap<>();
        List<Group> groups = new ArrayList<>();
        for (Token token : candidates) {
            List<Pool> pools = new ArrayList<>(poolsByMint.getOrDefault(token.mint(), List.of()));
            pools.sort(Comparator.comparing((Pool p) -> p.liquidityUsd() == null ? Double.NEGATIVE_INFINITY
                            : p.liquidityUsd(), Comparator.reverseOrder())
                    .thenComparing(p -> p.address() == null ? "" : p.address()));
            Set<String> markets = new LinkedHashSet<>();
            for (Pool pool : pools) {
                String reason = skipReason(pool, markets);
                if (reason == null) {
                    markets.add(pool.address());
                } else {
                    skipped.merge(reason, 1, Integer::sum);
                }
            }
            if (!markets.isEmpty()) {
                groups.add(new Group(token.mint(), token.symbol(), token.name(), token.smoothedScore(),
                        List.copyOf(markets)));
            }
        }
        return new Result(List.copyOf(groups), new LinkedHashMap<>(skipped));
    }

    /** {@link #candidates} then {@link #groups}. */
    public static Result select(List<Token> tokens, Map<String, List<Pool>> poolsByMint, Thresholds thresholds) {
        return groups(candidates(tokens, thresholds), poolsByMint);
    }

    private static String skipReason(Pool pool, Set<String> taken) {
        if (!pool.tradeable()) {
            return BONDING_CURVE;
        }
        if (!pool.active()) {
            return INACTIVE;
        }
        if (!isAddress(pool.address())) {
            return INVALID_ADDRESS;
        }
        return taken.contains(pool.address()) ? DUPLICATE : null;
    }

    public static boolean isAddress(String value) {
        return value != null && BASE58_ADDRESS.matcher(value).matches();
    }
}
