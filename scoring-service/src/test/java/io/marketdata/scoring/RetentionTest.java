package io.marketdata.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.scoring.history.Retention;
import io.marketdata.scoring.support.TestDb;
import io.marketdata.scoring.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

/** The retention job deletes score rows (and latest entries, forgotten tokens) older than 30 days. */
@QuarkusTest
class RetentionTest {

    private static final long DAY_MS = 86_400_000L;

    @Inject
    Retention retention;

    private static long insertScore(String mint, long scoredAt) {
        return TestDb.longQuery("INSERT INTO scoring.scores (mint, model, scored_at, score, smoothed_score, raw_components, "
                + "smoothed_components, data_quality, issues, metrics_used, fetched_at, source) VALUES (?, 'hybrid_momentum', ?, "
                + "0.5, 0.5, '{}', '{}', 'ok', '[]', '{}', ?, 'metrics') RETURNING id", mint, new Timestamp(scoredAt),
                new Timestamp(scoredAt - 1_000));
    }

    @Test
    void rowsOlderThanTheRetentionAreDeleted() throws Exception {
        long now = System.currentTimeMillis();
        String kept = Tokens.mint();
        String gone = Tokens.mint();
        insertScore(kept, now - 31 * DAY_MS);
        insertScore(kept, now - 30 * DAY_MS - 60_000);
        long recent = insertScore(kept, now - 29 * DAY_MS);
        TestDb.update("INSERT INTO scoring.latest_scores VALUES (?, 'hybrid_momentum', ?, ?, 0.5)", kept, recent,
                new Timestamp(now - 29 * DAY_MS));
        TestDb.update("INSERT INTO scoring.token_inputs (mint, updated_at) VALUES (?, ?)", kept, new Timestamp(now - DAY_MS));
        long old = insertScore(gone, now - 40 * DAY_MS);
        TestDb.update("INSERT INTO scoring.latest_scores VALUES (?, 'hybrid_momentum', ?, ?, 0.5)", gone, old,
                new Timestamp(now - 40 * DAY_MS));
        TestDb.update("INSERT INTO scoring.token_inputs (mint, updated_at) VALUES (?, ?)", gone, new Timestamp(now - 40 * DAY_MS));

        Retention.Deleted deleted = retention.run(now);

        assertTrue(deleted.scores() >= 3, deleted.toString());
        assertTrue(deleted.latest() >= 1 && deleted.tokens() >= 1, deleted.toString());
        assertEquals(1, TestDb.scoreRows(kept));
        assertEquals(recent, TestDb.longQuery("SELECT id FROM scoring.scores WHERE mint = ?", kept));
        assertEquals(1, TestDb.longQuery("SELECT count(*) FROM scoring.latest_scores WHERE mint = ?", kept));
        assertEquals(1, TestDb.longQuery("SELECT count(*) FROM scoring.token_inputs WHERE mint = ?", kept));
        assertEquals(0, TestDb.scoreRows(gone));
        assertEquals(0, TestDb.longQuery("SELECT count(*) FROM scoring.latest_scores WHERE mint = ?", gone));
        assertEquals(0, TestDb.longQuery("SELECT count(*) FROM scoring.token_inputs WHERE mint = ?", gone));
        assertEquals(0, TestDb.longQuery("SELECT count(*) FROM scoring.scores WHERE scored_at < ?",
                new Timestamp(now - 30 * DAY_MS)));
    }
}
