package io.marketdata.collector.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MigrationFrameTest {

    private static final String MINT = "97QUhgTstDxbT7qJD4rJLrWPqGSNbETAvxZm3AWrpump";

    @Test
    void aMigrationFrameInItsRealMinimalShape() {
        MigrationFrame f = MigrationFrame.parse("{\"signature\":\"5SY5Lw3kqeNQfbC2p9bGmgQ4MuY4xqvUpkJrXzJ1oHq2\",\"mint\":\""
                + MINT + "\",\"txType\":\"migrate\",\"pool\":\"pump-amm\"}");
        assertEquals(MigrationFrame.Kind.MIGRATION, f.kind());
        assertEquals(MINT, f.mint());
        assertEquals("pump-amm", f.venue());
        assertNull(f.name(), "the minimal frame has no name");
    }

    @Test
    void acknowledgementsAndOtherFramesAreNotMigrations() {
        assertEquals(MigrationFrame.Kind.ACK,
                MigrationFrame.parse("{\"message\":\"Successfully subscribed to token migration events.\"}").kind());
        assertEquals(MigrationFrame.Kind.OTHER, MigrationFrame.parse("{\"signature\":\"x\",\"mint\":\"" + MINT
                + "\",\"txType\":\"create\",\"pool\":\"pump\"}").kind());
    }

    @Test
    void malformedFramesSayWhy() {
        assertTrue(MigrationFrame.parse("not json").problem().contains("JSON"));
        assertEquals(MigrationFrame.Kind.MALFORMED, MigrationFrame.parse("[1,2]").kind());
        assertEquals(MigrationFrame.Kind.MALFORMED, MigrationFrame.parse("{\"foo\":1}").kind());
        assertTrue(MigrationFrame.parse("{\"signature\":\"s\",\"mint\":\"0OIl-not-base58\",\"txType\":\"migrate\"}").problem()
                .contains("base58"));
        assertEquals(MigrationFrame.Kind.MALFORMED,
                MigrationFrame.parse("{\"mint\":\"" + MINT + "\",\"txType\":\"migrate\",\"pool\":\"pump-amm\"}").kind());
    }

    @Test
    void aMigrationWithoutPoolHasAnUnknownVenue() {
        assertEquals("unknown", MigrationFrame.parse("{\"signature\":\"s1\",\"mint\":\"" + MINT + "\",\"txType\":\"migrate\"}").venue());
    }
}
