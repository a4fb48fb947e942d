package io.marketdata.gateway.markets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.gateway.markets.MarketsSelection.Group;
import io.marketdata.gateway.markets.MarketsSelection.Pool;
import io.marketdata.gateway.markets.MarketsSelection.Result;
import io.marketdata.gateway.markets.MarketsSelection.Thresholds;
import io.marketdata.gateway.markets.MarketsSelection.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketsSelectionTest {

    private static final Thresholds DEFAULTS = new Thresholds(0.7, 3);

    /** A valid 44-character base58 address starting with {@code tag} (base58 characters only). */
    static String addr(String tag) {
        return (tag + "1".repeat(44)).substring(0, 44);
    }

    static Token token(String tag, Double score) {
        return new Token(addr("Mnt" + tag), "SYM" + tag, "Token " + tag, "active", score);
    }

    static Pool pool(String address, double liquidity) {
        return new Pool(address, "raydium", liquidity, true, true);
    }

    private static List<String> mints(List<Token> tokens) {
        return tokens.stream().map(Token::mint).toList();
    }

    @Test
    void theSeedDefaultsAreTheSettingsDefaults() {
        assertEquals(new Thresholds(0.7, 3), Thresholds.defaults());
    }

    @Test
    void exactlyTheMinimumQualifiesJustBelowDoesNot() {
        List<Token> tokens = List.of(token("A", 0.7), token("B", Math.nextDown(0.7)), token("C", 0.69));
        assertEquals(List.of(addr("MntA")), mints(MarketsSelection.candidates(tokens, DEFAULTS)));
    }

    @Test
    void aTokenWithoutScoreNeverQualifiesNotEvenWithMinimumZero() {
        List<Token> tokens = List.of(token("A", null), token("B", 0.0));
        assertEquals(List.of(addr("MntB")), mints(MarketsSelection.candidates(tokens, new Thresholds(0.0, 3))));
    }

    @Test
    void onlyActiveTokensQualify() {
        List<Token> tokens = List.of(
                new Token(addr("MntA"), "A", "A", "monitoring", 0.99),
                new Token(addr("MntB"), "B", "B", "archived", 0.98),
                token("C", 0.8));
        assertEquals(List.of(addr("MntC")), mints(MarketsSelection.candidates(tokens, DEFAULTS)));
    }

    @Test
    void theBestTopCountBySmoothedScoreHighestFirst() {
        List<Token> tokens = List.of(token("A", 0.71), token("B", 0.95), token("C", 0.80), token("D", 0.90),
                token("E", 0.75));
        assertEquals(List.of(addr("MntB"), addr("MntD"), addr("MntC")),
                mints(MarketsSelection.candidates(tokens, DEFAULTS)));
        assertEquals(List.of(addr("MntB")), mints(MarketsSelection.candidates(tokens, new Thresholds(0.7, 1))));
        assertTrue(MarketsSelection.candidates(tokens, new Thresholds(0.7, 0)).isEmpty());
    }

    @Test
    void tiesAreBrokenByMintAscendingWhateverTheInputOrder() {
        List<Token> tokens = new ArrayList<>(List.of(token("D", 0.8), token("B", 0.8), token("C", 0.8),
                token("A", 0.9)));
        List<String> expected = List.of(addr("MntA"), addr("MntB"), addr("MntC"));
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(tokens, new java.util.Random(i));
            assertEquals(expected, mints(MarketsSelection.candidates(tokens, DEFAULTS)));
        }
    }

    @Test
    void aTokenListedTwiceCountsOnce() {
        List<Token> tokens = List.of(token("A", 0.9), token("A", 0.9), token("B", 0.8));
        assertEquals(List.of(addr("MntA"), addr("MntB")),
                mints(MarketsSelection.candidates(tokens, new Thresholds(0.7, 2))));
    }

    @Test
    void aTokenWhoseMintIsNotAnAddressIsIgnored() {
        List<Token> tokens = List.of(new Token("../admin", "X", "X", "active", 0.99), token("A", 0.8));
        assertEquals(List.of(addr("MntA")), mints(MarketsSelection.candidates(tokens, DEFAULTS)));
    }

    @Test
    void poolsAreActiveTradeableOnesByLiquidityHighestFirst() {
        Token a = token("A", 0.9);
        List<Pool> pools = List.of(
                pool(addr("Low"), 1_000),
                new Pool(addr("Curve"), "pump", 90_000.0, false, true),   // bonding curve
                new Pool(addr("Gone"), "raydium", 80_000.0, true, false), // inactive
                pool(addr("High"), 50_000),
                new Pool(addr("Unknown"), "orca", null, true, true),       // no liquidity known: last
                pool(addr("Mid"), 20_000));
        Result result = MarketsSelection.groups(List.of(a), Map.of(a.mint(), pools));
        assertEquals(1, result.groups().size());
        Group group = result.groups().get(0);
        assertEquals(a.mint(), group.mint());
        assertEquals("SYMA", group.symbol());
        assertEquals(0.9, group.smoothedScore());
        assertEquals(List.of(addr("High"), addr("Mid"), addr("Low"), addr("Unknown")), group.markets());
        assertEquals(Map.of(MarketsSelection.BONDING_CURVE, 1, MarketsSelection.INACTIVE, 1), result.skipped());
    }

    @Test
    void equalLiquidityIsOrderedByAddress() {
        Token a = token("A", 0.9);
        Result result = MarketsSelection.groups(List.of(a),
                Map.of(a.mint(), List.of(pool(addr("Zz"), 10), pool(addr("Bb"), 10), pool(addr("Cc"), 10))));
        assertEquals(List.of(addr("Bb"), addr("Cc"), addr("Zz")), result.groups().get(0).markets());
    }

    @Test
    void addressesAreDeduplicatedKeepingTheBestPlace() {
        Token a = token("A", 0.9);
        Result result = MarketsSelection.groups(List.of(a),
                Map.of(a.mint(), List.of(pool(addr("P1"), 10), pool(addr("P2"), 500), pool(addr("P1"), 900))));
        assertEquals(List.of(addr("P1"), addr("P2")), result.groups().get(0).markets());
        assertEquals(Map.of(MarketsSelection.DUPLICATE, 1), result.skipped());
    }

    @Test
    void invalidAddressesAreSkippedAndCounted() {
        Token a = token("A", 0.9);
        String ok32 = addr("Gd").substring(0, 32);
        String ok44 = addr("Gd44");
        List<Pool> pools = List.of(
                pool(ok32, 5), pool(ok44, 4),
                pool(addr("Gd").substring(0, 31), 100),  // too short
                pool(addr("Gd") + "1", 100),             // 45: too long
                pool(addr("Has0"), 100),                 // '0' is not base58
                pool(addr("HasO"), 100),                 // nor 'O'
                pool(addr("HasI"), 100),                 // nor 'I'
                pool(addr("Hasl"), 100),                 // nor 'l'
                pool(addr("Sp ace"), 100),
                pool(null, 100));
        Result result = MarketsSelection.groups(List.of(a), Map.of(a.mint(), pools));
        assertEquals(List.of(ok32, ok44), result.groups().get(0).markets());
        assertEquals(Map.of(MarketsSelection.INVALID_ADDRESS, 8), result.skipped());
    }

    @Test
    void aTokenLeftWithoutPoolsGetsNoGroupAndTheOthersKeepTheirOrder() {
        Token a = token("A", 0.95);
        Token b = token("B", 0.90);
        Token c = token("C", 0.85);
        Map<String, List<Pool>> pools = Map.of(
                a.mint(), List.of(pool(addr("PA"), 10)),
                b.mint(), List.of(new Pool(addr("PB"), "pump", 10.0, false, true)), // only a bonding curve
                c.mint(), List.of(pool(addr("PC"), 10)));
        Result result = MarketsSelection.groups(List.of(a, b, c), pools);
        assertEquals(List.of(a.mint(), c.mint()), result.groups().stream().map(Group::mint).toList());
        // and a candidate the pools map does not know at all
        assertTrue(MarketsSelection.groups(List.of(token("D", 0.9)), pools).groups().isEmpty());
    }

    @Test
    void selectCombinesBothSteps() {
        Token a = token("A", 0.9);
        Token b = token("B", 0.5);
        Result result = MarketsSelection.select(List.of(a, b),
                Map.of(a.mint(), List.of(pool(addr("PA"), 1)), b.mint(), List.of(pool(addr("PB"), 1))), DEFAULTS);
        assertEquals(List.of(new Group(a.mint(), "SYMA", "Token A", 0.9, List.of(addr("PA")))), result.groups());
    }

    @Test
    void nothingInNothingOut() {
        Result result = MarketsSelection.select(List.of(), Map.of(), DEFAULTS);
        assertTrue(result.groups().isEmpty());
        assertTrue(result.skipped().isEmpty());
        assertTrue(MarketsSelection.select(List.of(token("A", 0.1)), Map.of(), DEFAULTS).groups().isEmpty());
    }

    @Test
    void addressCheck() {
        assertTrue(MarketsSelection.isAddress("5rCf1DM8LjKTw4YqhnoLcngyZYeNnQqztScTogYHAS6"));
        assertTrue(MarketsSelection.isAddress("So11111111111111111111111111111111111111112"));
        assertFalse(MarketsSelection.isAddress(""));
        assertFalse(MarketsSelection.isAddress(null));
        assertFalse(MarketsSelection.isAddress("5rCf1DM8LjKTw4YqhnoLcngyZYeNnQqztScTogYHAS6\n"));
    }
}
