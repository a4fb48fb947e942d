package io.marketdata.scoring.history;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Recalculate-all: a new round now for every non-archived token from its latest stored snapshot,
 * with the current settings and model (the EWMA continues from the token's state), each stored and
 * published like any round. One transaction per token, so it runs beside the consumer; one run at
 * a time per replica.
 */
@ApplicationScoped
public class Recalculation {

    private static final Logger LOG = Logger.getLogger(Recalculation.class);

    /** Outcome of a run. */
    public record Result(int recalculated, int skipped, String correlationId) {
    }

    /** Thrown when a run is already going on in this replica. */
    public static final class AlreadyRunning extends Exception {
        public AlreadyRunning() {
            super("a recalculation is already running", null, false, false);
        }
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ScoreRounds rounds;

    private final AtomicBoolean running = new AtomicBoolean();

    public Result run(String correlationId) throws SQLException, AlreadyRunning {
        if (!running.compareAndSet(false, true)) {
            throw new AlreadyRunning();
        }
        try {
            String cid = correlationId == null || correlationId.isBlank() ? "recalculate-" + UUID.randomUUID() : correlationId;
            List<String> mints;
            try (Connection c = dataSource.getConnection()) {
                mints = TokenInputs.recalculable(c);
            }
            int recalculated = 0;
            int skipped = 0;
            for (String mint : mints) {
                if (rounds.recalculate(mint, cid) instanceof ScoreRounds.Scored) {
                    recalculated++;
                } else {
                    skipped++;
                }
            }
            LOG.infof("recalculated %d tokens (%d skipped)", recalculated, skipped);
            return new Result(recalculated, skipped, cid);
        } finally {
            running.set(false);
        }
    }
}
