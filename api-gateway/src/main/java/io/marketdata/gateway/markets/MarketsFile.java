package io.marketdata.gateway.markets;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.io.NewlineStyle;
import com.electronwill.nightconfig.toml.TomlFormat;
import com.electronwill.nightconfig.toml.TomlWriter;
import io.marketdata.contracts.Json;
import io.marketdata.gateway.markets.MarketsSelection.Group;
import io.marketdata.gateway.markets.MarketsSelection.Thresholds;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One rendering of the NotArb markets file (SPEC §9.3) in both of NotArb's forms: TOML (one
 * {@code [[group]]} with {@code markets = [...]} per token) and JSON (a 2-D array of addresses).
 * Immutable, so one instance is served to every client during the cache period.
 *
 * @param etag         weak: it depends on the markets only, not on the generation time in the header
 * @param lastModified when the markets last changed (as far as this process has seen)
 */
public record MarketsFile(byte[] toml, byte[] json, int groups, Instant generatedAt, String degradedReason,
        String etag, Instant lastModified) {

    /** Comments may not hold control characters (TOML 1.0); symbols come from token metadata anyone can set. */
    private static final Pattern UNSAFE_IN_COMMENT = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
    private static final int MAX_SYMBOL = 32;

    public boolean degraded() {
        return degradedReason != null;
    }

    /** This rendering with an earlier Last-Modified: the markets did not change since. */
    public MarketsFile unchangedSince(Instant since) {
        return new MarketsFile(toml, json, groups, generatedAt, degradedReason, etag, since);
    }

    /** Renders {@code groups}; {@code degradedReason} (null when not degraded) is stated in the header. */
    public static MarketsFile render(List<Group> groups, Thresholds thresholds, Instant generatedAt,
            String degradedReason) {
        byte[] json = Json.toBytes(groups.stream().map(Group::markets).toList());
        String toml = toml(groups, thresholds, generatedAt, degradedReason);
        return new MarketsFile(toml.getBytes(StandardCharsets.UTF_8), json, groups.size(), generatedAt, degradedReason,
                "W/\"" + sha256(json) + "\"", generatedAt);
    }

    static String toml(List<Group> groups, Thresholds thresholds, Instant generatedAt, String degradedReason) {
        StringWriter out = new StringWriter();
        // night-config repeats a comment on the `group` key before every [[group]] and has no
        // document comment, so the header is written as comment lines ahead of its output.
        List<String> header = new ArrayList<>(List.of(
                "NotArb markets file: one [[group]] per selected token, markets = its pool addresses.",
                "Read it with the onchain-bot's [[markets_url]] source (url = \".../config/dynamic_strategy.toml\").",
                "generated_at = " + generatedAt.truncatedTo(ChronoUnit.MILLIS),
                "min_score_for_config = " + thresholds.minScoreForConfig()
                        + ", config_top_count = " + thresholds.configTopCount() + ", groups = " + groups.size()));
        if (degradedReason != null) {
            header.add("degraded: " + degradedReason);
        }
        for (String line : header) {
            out.write("# " + safe(line) + "\n");
        }
        if (groups.isEmpty()) {
            return out.toString(); // only comments: still a valid (empty) TOML document
        }
        out.write("\n");
        CommentedConfig root = TomlFormat.newConfig();
        List<CommentedConfig> tables = new ArrayList<>();
        for (Group group : groups) {
            CommentedConfig table = root.createSubConfig();
            table.set("markets", group.markets());
            // night-config cannot comment an element of an array of tables; the comment goes on its key.
            table.setComment("markets", " " + safe(symbol(group.symbol())) + " | mint " + group.mint()
                    + " | smoothed_score " + String.format(Locale.ROOT, "%.4f", group.smoothedScore()));
            tables.add(table);
        }
        root.set("group", tables);
        writer().write(root, out);
        return out.toString();
    }

    private static TomlWriter writer() {
        TomlWriter writer = new TomlWriter();
        writer.setNewline(NewlineStyle.UNIX);
        writer.setIndent("    ");
        writer.setIndentArrayElementsPredicate(list -> true); // one address per line, as in NotArb's examples
        return writer;
    }

    private static String symbol(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            return "?";
        }
        return symbol.length() > MAX_SYMBOL ? symbol.substring(0, MAX_SYMBOL) + "…" : symbol;
    }

    private static String safe(String text) {
        return UNSAFE_IN_COMMENT.matcher(text).replaceAll(" ");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
