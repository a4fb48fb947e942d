package io.marketdata.scoring.consume;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.RoutingKeys;
import io.marketdata.contracts.SchemaValidator;
import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.contracts.token.TokenStatusChanged;
import io.marketdata.messaging.Deliveries;
import io.marketdata.messaging.RejectedMessage;
import io.marketdata.scoring.db.Await;
import io.marketdata.scoring.health.ScoringMetrics;
import io.marketdata.scoring.history.ScoreRounds;
import io.marketdata.scoring.history.StateCache;
import io.marketdata.scoring.history.TokenInputs;
import io.marketdata.scoring.settings.ActiveSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Handles one delivery of {@code scoring.token_events} (see {@link Deliveries} for what returning
 * and throwing mean):
 * <ul>
 *   <li>{@code token.metrics}: not JSON or failing {@code token-metrics.schema.json} →
 *       {@link RejectedMessage} (dead-lettered with the reason). If a schema-violating snapshot
 *       still names a token this service knows (its {@code mint} and {@code fetched_at} readable),
 *       it first scores a critical fallback round for it — SPEC §8: negative or missing values and
 *       wrong types block the update and fall back to {@code median(last 10 scores) × 0.5}.
 *       A valid snapshot → one scoring round ({@link ScoreRounds#snapshot}).</li>
 *   <li>{@code token.status_changed}: the status is kept in {@code token_inputs} (archived tokens
 *       are no longer scored nor recalculated).</li>
 * </ul>
 * Each message is one reactive transaction, waited for on the {@link Deliveries} worker thread
 * ({@link Await}). Database failures propagate: the message is retried in place with back-off, never
 * acknowledged before it was applied; PostgreSQL refusing the data itself (SQLState class 22 or 23, e.g. a
 * NUL character, found in the cause chain of Hibernate Reactive's exception) dead-letters it. Until this
 * replica has loaded its settings from the database (a start while PostgreSQL was down), a message waits
 * and is then retried in place ({@link SettingsNotLoaded}), so no round is scored with settings that
 * were not read.
 */
@ApplicationScoped
public class TokenEventHandler implements Deliveries.Handler {

    private static final Logger LOG = Logger.getLogger(TokenEventHandler.class);
    private static final Pattern MINT = Pattern.compile("^[1-9A-HJ-NP-Za-km-z]{32,44}$");
    private static final int MAX_REASON = 600;

    @Inject
    ScoreRounds rounds;
    @Inject
    ActiveSettings settings;
    @Inject
    StateCache cache;
    @Inject
    ScoringMetrics metrics;

    /** Checked: {@link Deliveries} retries it in place with back-off, like a database outage. */
    public static final class SettingsNotLoaded extends Exception {
        SettingsNotLoaded() {
            super("the settings are not loaded from PostgreSQL yet", null, false, false);
        }
    }

    @Override
    public void handle(String routingKey, String correlationId, byte[] body) throws Exception {
        if (!settings.awaitLoaded(10_000)) {
            throw new SettingsNotLoaded();
        }
        if (correlationId != null) {
            MDC.put("correlation_id", correlationId);
        }
        try {
            switch (routingKey) {
                case RoutingKeys.TOKEN_METRICS -> metrics(body, correlationId);
                case RoutingKeys.TOKEN_STATUS_CHANGED -> statusChanged(body);
                default -> throw new RejectedMessage("unexpected routing key " + routingKey);
            }
        } finally {
            MDC.remove("correlation_id");
        }
    }

    private void metrics(byte[] body, String correlationId) throws Exception {
        JsonNode node = parse(body);
        List<String> violations = SchemaValidator.get().validate(MessageType.TOKEN_METRICS, node);
        if (!violations.isEmpty()) {
            String reason = truncate("token.metrics violates its schema: " + String.join("; ", violations));
            String mint = node.path("mint").isTextual() ? node.get("mint").asText() : null;
            JsonNode fetchedAt = node.get("fetched_at");
            if (mint != null && MINT.matcher(mint).matches() && fetchedAt != null && fetchedAt.isIntegralNumber()
                    && fetchedAt.canConvertToLong()) {
                ScoreRounds.Outcome outcome = Await.result(() -> rounds.unreadable(mint, fetchedAt.asLong(), correlationId));
                LOG.infof("unreadable snapshot of %s: %s", mint, describe(outcome));
            }
            throw new RejectedMessage(reason);
        }
        TokenMetrics snapshot;
        try {
            snapshot = Json.MAPPER.treeToValue(node, TokenMetrics.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new RejectedMessage(truncate("token.metrics unreadable: " + e.getMessage()));
        }
        ScoreRounds.Outcome outcome;
        try {
            outcome = Await.result(() -> rounds.snapshot(snapshot, correlationId));
        } catch (ScoreRounds.ScoringFailedException e) {
            LOG.errorf(e, "scoring %s failed", snapshot.mint());
            throw new RejectedMessage(truncate("scoring failed: " + e.getMessage()));
        }
        LOG.debugf("token.metrics %s: %s", snapshot.mint(), describe(outcome));
    }

    private void statusChanged(byte[] body) throws Exception {
        JsonNode node = parse(body);
        List<String> violations = SchemaValidator.get().validate(MessageType.TOKEN_STATUS_CHANGED, node);
        if (!violations.isEmpty()) {
            throw new RejectedMessage(truncate("token.status_changed violates its schema: " + String.join("; ", violations)));
        }
        TokenStatusChanged change;
        try {
            change = Json.MAPPER.treeToValue(node, TokenStatusChanged.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new RejectedMessage(truncate("token.status_changed unreadable: " + e.getMessage()));
        }
        boolean stored = Await.result(() -> Panache.withTransaction(
                () -> TokenInputs.storeStatus(change.mint(), change.newStatus(), change.changedAt())));
        metrics.statusChange(stored);
        if (stored && TokenInputs.ARCHIVED.equals(change.newStatus())) {
            cache.forget(change.mint());
        }
        LOG.debugf("status of %s: %s (%s)", change.mint(), change.newStatus(), stored ? "stored" : "older than the stored one");
    }

    private static JsonNode parse(byte[] body) throws RejectedMessage {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new RejectedMessage(truncate("not JSON: " + e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new RejectedMessage("not a JSON object");
        }
        return node;
    }

    private static String describe(ScoreRounds.Outcome outcome) {
        if (outcome instanceof ScoreRounds.Scored scored) {
            return "scored " + scored.result().score() + " (" + scored.result().dataQuality().wireName() + ")";
        }
        return "skipped, " + ((ScoreRounds.Skipped) outcome).reason();
    }

    private static String truncate(String reason) {
        String oneLine = reason.replace('\n', ' ');
        return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON) + "…";
    }
}
