package io.marketdata.emulator.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Migrated and created tokens are pure functions of (seed, index), with valid Solana identifiers. */
class TokenFactoryTest {

    @Test
    void sameSeedAndIndexGiveTheSameToken() {
        TokenSpec a = new TokenFactory(42).spec(7);
        TokenSpec b = new TokenFactory(42).spec(7);
        assertEquals(a.mint(), b.mint());
        assertEquals(a.signature(), b.signature());
        assertEquals(a.name(), b.name());
        assertEquals(a.symbol(), b.symbol());
        assertEquals(a.fate(), b.fate());
        assertEquals(a.pools(), b.pools());
        // Pinned: the same on every JVM and run (StrictMath, SplitMix hashing).
        assertEquals("4A73haBcpiwwKDxiG3NDqBgM1sxCuHso3PrFuieLpump", new TokenFactory(42).spec(0).mint());
        assertNotEquals(a.mint(), new TokenFactory(43).spec(7).mint(), "another seed, other tokens");
        assertNotEquals(a.mint(), new TokenFactory(42).spec(8).mint(), "another index, another token");
    }

    @Test
    void mintsSignaturesAndPoolsAreValidBase58OfTheRightSize() {
        TokenFactory f = new TokenFactory(42);
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < 500; i++) {
            TokenSpec t = f.spec(i);
            assertEquals(44, t.mint().length(), t.mint());
            assertTrue(t.mint().endsWith("pump"), t.mint());
            assertEquals(32, Base58.decode(t.mint()).length, t.mint());
            assertEquals(88, t.signature().length(), t.signature());
            assertEquals(64, Base58.decode(t.signature()).length, t.signature());
            for (PoolSpec p : t.pools()) {
                assertEquals(32, Base58.decode(p.address()).length, p.address());
                assertTrue(seen.add(p.address()), "pool addresses are unique");
            }
            assertTrue(seen.add(t.mint()), "mints are unique");
            assertTrue(!t.name().isBlank() && !t.symbol().isBlank());
        }
        NewToken created = f.created(3);
        assertEquals(created, f.created(3));
        assertTrue(created.mint().endsWith("pump"));
        assertEquals(32, Base58.decode(created.bondingCurveKey()).length);
        assertTrue(created.vSolInBondingCurve() >= 30 && created.marketCapSol() > 27);
    }

    @Test
    void base58RoundTripsAndRejectsForeignCharacters() {
        byte[] bytes = {0, 0, 1, 2, (byte) 255, 17};
        assertEquals("11" + Base58.encode(new byte[] {1, 2, (byte) 255, 17}), Base58.encode(bytes));
        assertEquals(java.util.Arrays.toString(bytes), java.util.Arrays.toString(Base58.decode(Base58.encode(bytes))));
        assertEquals("So11111111111111111111111111111111111111112".length(), 43);
        assertEquals(32, Base58.decode("So11111111111111111111111111111111111111112").length);
        assertThrows(IllegalArgumentException.class, () -> Base58.decode("0OIl"));
    }
}
