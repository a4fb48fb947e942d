package io.marketdata.gateway.markets;

import static io.marketdata.gateway.markets.MarketsSelectionTest.addr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.marketdata.gateway.markets.MarketsSelection.Group;
import io.marketdata.gateway.markets.MarketsSelection.Thresholds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketsFileTest {

    private static final TomlMapper TOML = new TomlMapper();
    private static final Instant AT = Instant.parse("2025-06-01T12:00:00.123Z");
    private static final Thresholds SETTINGS = new Thresholds(0.7, 3);

    private static final Group A = new Group(addr("MntA"), "AAA", "Token A", 0.91234, List.of(addr("PA1"), addr("PA2")));
    private static final Group B = new Group(addr("MntB"), "BBB", "Token B", 0.8, List.of(addr("PB1")));

    private static String text(MarketsFile file) {
        return new String(file.toml(), StandardCharsets.UTF_8);
    }

    /**
     * NotArb's structure: the only top-level key is {@code group}, an array of tables each with exactly
     * the key {@code markets}, an array of base58 addresses. Returns the markets per group.
     */
    static List<List<String>> notArbGroups(String toml) throws Exception {
        JsonNode root = TOML.readTree(toml);
        List<List<String>> groups = new ArrayList<>();
        if (root.isEmpty()) {
            return groups;
        }
        assertEquals(List.of("group"), fieldNames(root));
        assertTrue(root.get("group").isArray());
        for (JsonNode group : root.get("group")) {
            assertEquals(List.of("markets"), fieldNames(group));
            assertTrue(group.get("markets").isArray());
            List<String> markets = new ArrayList<>();
            for (JsonNode market : group.get("markets")) {
                assertTrue(market.isTextual(), "a market is a string: " + market);
                assertTrue(MarketsSelection.isAddress(market.asText()), "a market is an address: " + market);
                markets.add(market.asText());
            }
            groups.add(markets);
        }
        return groups;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void oneGroupPerTokenWithItsMarketsInOrder() throws Exception {
        MarketsFile file = MarketsFile.render(List.of(A, B), SETTINGS, AT, null);
        assertEquals(List.of(A.markets(), B.markets()), notArbGroups(text(file)));
        assertEquals(2, file.groups());
        assertFalse(file.degraded());
    }

    @Test
    void eachGroupIsCommentedWithMintSymbolAndScoreInsideItsOwnTable() {
        String text = text(MarketsFile.render(List.of(A, B), SETTINGS, AT, null));
        int firstGroup = text.indexOf("\n[[group]]\n");
        int secondGroup = text.indexOf("\n[[group]]\n", firstGroup + 1);
        int commentA = text.indexOf("# AAA | mint " + A.mint() + " | smoothed_score 0.9123");
        int commentB = text.indexOf("# BBB | mint " + B.mint() + " | smoothed_score 0.8000");
        assertTrue(firstGroup >= 0 && commentA > firstGroup && commentA < secondGroup, text);
        assertTrue(commentB > secondGroup, text);
        assertTrue(commentA < text.indexOf(A.markets().get(0)), text);
    }

    @Test
    void theHeaderGivesTimeSettingsGroupsAndWhatTheFileIsFor() {
        String text = text(MarketsFile.render(List.of(A, B), SETTINGS, AT, null));
        List<String> header = text.lines().takeWhile(l -> l.startsWith("#")).toList();
        assertTrue(header.contains("# generated_at = 2025-06-01T12:00:00.123Z"), text);
        assertTrue(header.contains("# min_score_for_config = 0.7, config_top_count = 3, groups = 2"), text);
        assertTrue(header.stream().anyMatch(l -> l.contains("[[markets_url]]")), text);
        assertTrue(header.stream().noneMatch(l -> l.contains("degraded")), text);
    }

    @Test
    void aDegradedFileSaysWhyInTheHeader() throws Exception {
        MarketsFile file = MarketsFile.render(List.of(A), SETTINGS, AT, "lifecycle-service /api/tokens from last-good");
        assertTrue(file.degraded());
        assertTrue(text(file).contains("# degraded: lifecycle-service /api/tokens from last-good\n"), text(file));
        assertEquals(List.of(A.markets()), notArbGroups(text(file)));
    }

    @Test
    void nothingSelectedIsCommentsOnlyAndParsesToAnEmptyDocument() throws Exception {
        MarketsFile file = MarketsFile.render(List.of(), SETTINGS, AT, null);
        String text = text(file);
        assertTrue(TOML.readTree(text).isEmpty(), text);
        assertTrue(text.lines().allMatch(l -> l.startsWith("#")), text);
        assertTrue(text.contains("groups = 0"), text);
        assertEquals("[]", new String(file.json(), StandardCharsets.UTF_8));
        assertEquals(0, file.groups());
    }

    @Test
    void jsonIsNotArbsTwoDimensionalArray() {
        MarketsFile file = MarketsFile.render(List.of(A, B), SETTINGS, AT, null);
        assertEquals("[[\"" + addr("PA1") + "\",\"" + addr("PA2") + "\"],[\"" + addr("PB1") + "\"]]",
                new String(file.json(), StandardCharsets.UTF_8));
    }

    @Test
    void aHostileSymbolCannotBreakOutOfItsComment() throws Exception {
        Group evil = new Group(addr("MntE"), "EVIL\n[[group]]\nmarkets = [\"x\"]\r\u0007\u202E", "evil", 0.9,
                List.of(addr("PE")));
        String text = text(MarketsFile.render(List.of(evil), SETTINGS, AT, "why\nnot = 1"));
        assertEquals(List.of(List.of(addr("PE"))), notArbGroups(text));
        assertFalse(text.contains("\u0007") || text.contains("\r") || text.contains("\u202E"), text);
        assertTrue(text.lines().filter(l -> !l.isBlank() && !l.trim().startsWith("#"))
                .noneMatch(l -> l.contains("EVIL") || l.contains("not = 1")), text);
    }

    @Test
    void theEtagFollowsTheMarketsNotTheTime() {
        MarketsFile one = MarketsFile.render(List.of(A, B), SETTINGS, AT, null);
        MarketsFile later = MarketsFile.render(List.of(A, B), SETTINGS, AT.plusSeconds(5), null);
        MarketsFile other = MarketsFile.render(List.of(B, A), SETTINGS, AT, null);
        assertEquals(one.etag(), later.etag());
        assertNotEquals(one.etag(), other.etag());
        assertTrue(one.etag().startsWith("W/\""), one.etag());
    }
}
