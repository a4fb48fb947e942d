package io.marketdata.lifecycle.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.messaging.RejectedMessage;
import io.marketdata.contracts.token.ScoreUpdated;
import io.marketdata.contracts.token.TokenCreated;
import io.marketdata.contracts.token.TokenMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static final String MINT = "7GCihgDB8fe6KNjn2MYtkzZcRjQy3t9GHdC8uHYmW2hr";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesAValidTokenCreated() throws Exception {
        byte[] body = Json.toBytes(new TokenCreated(MINT, "Moon", "MOON", "5sig", "pump-amm", 1_757_844_000_000L));
        TokenCreated t = Messages.decode(MessageType.TOKEN_CREATED, TokenCreated.class, body);
        assertEquals(MINT, t.mint());
        assertEquals("pump-amm", t.venue());
        assertEquals(1_757_844_000_000L, t.migratedAt());
    }

    @Test
    void rejectsBodiesThatAreNotJson() {
        RejectedMessage e = assertThrows(RejectedMessage.class,
                () -> Messages.decode(MessageType.TOKEN_METRICS, TokenMetrics.class, utf8("{not json")));
        assertTrue(e.getMessage().startsWith("not JSON"), e.getMessage());
        assertEquals("empty body", assertThrows(RejectedMessage.class,
                () -> Messages.decode(MessageType.TOKEN_METRICS, TokenMetrics.class, new byte[0])).getMessage());
    }

    @Test
    void rejectsSchemaViolationsNamingTheProblem() {
        byte[] body = Json.toBytes(Map.of("mint", MINT, "fetched_at", 1_757_844_000_000L));
        RejectedMessage e = assertThrows(RejectedMessage.class,
                () -> Messages.decode(MessageType.TOKEN_METRICS, TokenMetrics.class, body));
        assertTrue(e.getMessage().contains("token-metrics schema violated"), e.getMessage());
        assertTrue(e.getMessage().contains("pools"), e.getMessage());
    }

    @Test
    void rejectsAMalformedMint() {
        byte[] body = Json.toBytes(Map.of("mint", "0OIl-not-base58", "signature", "s", "venue", "pump-amm",
                "migrated_at", 1_757_844_000_000L));
        assertThrows(RejectedMessage.class, () -> Messages.decode(MessageType.TOKEN_CREATED, TokenCreated.class, body));
    }

    @Test
    void rejectsAScoreWithAStringScore() {
        byte[] body = utf8("{\"mint\":\"" + MINT + "\",\"model\":\"hybrid_momentum\",\"score\":\"high\",\"smoothed_score\":0.5,"
                + "\"raw_components\":{},\"smoothed_components\":{},\"data_quality\":\"ok\",\"scored_at\":1757844000000}");
        assertThrows(RejectedMessage.class, () -> Messages.decode(MessageType.SCORE_UPDATED, ScoreUpdated.class, body));
    }
}
