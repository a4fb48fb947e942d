package io.marketdata.scoring.history;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Recalculate-all: a new round now for every non-archived token from its latest stored snapshot,
 * with the current settings and model (the EWMA continues from the token's state), each stored and
 * published like any round. One reactive transaction per token, one after the other, so it runs beside
 * the consumer; one run at a time per replica.
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
    ScoreRounds rounds;

    private final AtomicBoolean running = new AtomicBoolean();

    /** Fails with {@link AlreadyRunning} when a run is going on in this replica. */
    public Uni<Result> run(String correlationId) {
        return Uni.createFrom().deferred(() -> {
            if (!running.compareAndSet(false, true)) {
                return Uni.createFrom().failure(new AlreadyRunning());
            }
            String cid = correlationId == null || correlationId.isBlank() ? "recalculate-" + UUID.randomUUID() : correlationId;
            return Panache.withSession(TokenInputs::recalculable)
                    .chain(mints -> Multi.createFrom().iterable(mints)
                            .onItem().transformToUniAndConcatenate(mint -> rounds.recalculate(mint, cid))
                            .collect().in(() -> new int[2], (counts, outcome) -> counts[outcome instanceof ScoreRounds.Scored ? 0 : 1]++))
                    .map(counts -> {
                        LOG.infof("recalculated %d tokens (%d skipped)", counts[0], counts[1]);
                        return new Result(counts[0], counts[1], cid);
                    })
                    .onTermination().invoke(() -> running.set(false));
        });
    }
}
