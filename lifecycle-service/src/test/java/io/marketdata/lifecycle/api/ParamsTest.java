package io.marketdata.lifecycle.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.lifecycle.rules.Status;
import io.marketdata.lifecycle.tokens.TokenQueries;
import org.junit.jupiter.api.Test;

class ParamsTest {

    private static void assertBad(String field, Runnable r) {
        ApiException e = assertThrows(ApiException.class, r::run);
        assertEquals(400, e.status());
        assertEquals(field, e.field());
    }

    @Test
    void defaults() {
        assertNull(Params.status(null));
        assertEquals(TokenQueries.Sort.SCORE, Params.sort(""));
        assertFalse(Params.ascending(null));
        assertEquals(100, Params.limit(null));
    }

    @Test
    void acceptedValues() {
        assertEquals(Status.ARCHIVED, Params.status("Archived"));
        assertEquals(TokenQueries.Sort.UPDATED, Params.sort("updated"));
        assertTrue(Params.ascending("asc"));
        assertEquals(1, Params.limit("1"));
        assertEquals(1000, Params.limit("1000"));
        assertEquals("So11111111111111111111111111111111111111112", Params.mint("So11111111111111111111111111111111111111112"));
    }

    @Test
    void rejectedValuesNameTheirField() {
        assertBad("status", () -> Params.status("initial"));
        assertBad("sort", () -> Params.sort("name"));
        assertBad("order", () -> Params.ascending("up"));
        assertBad("limit", () -> Params.limit("0"));
        assertBad("limit", () -> Params.limit("1001"));
        assertBad("limit", () -> Params.limit("ten"));
        assertBad("mint", () -> Params.mint("tooShort"));
        assertBad("mint", () -> Params.mint("0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl"));
    }
}
