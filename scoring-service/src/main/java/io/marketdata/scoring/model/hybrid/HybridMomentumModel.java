package io.marketdata.scoring.model.hybrid;

import io.marketdata.contracts.token.TokenMetrics;
import io.marketdata.contracts.token.WindowMetrics;
import io.marketdata.scoring.model.RawScore;
import io.marketdata.scoring.model.ScoringInput;
import io.marketdata.scoring.model.ScoringModel;
import io.marketdata.scoring.model.quality.DataQualityRules;
import io.marketdata.scoring.model.quality.QualityReport;
import io.marketdata.contracts.settings.PipelineSettings;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model {@code hybrid_momentum} (SPEC §8, seed "To The Moon"):
 * <pre>
 * tx_accel            = (tx_5m / 5) / (tx_1h / 60)
 * vol_momentum        = vol_5m / (vol_1h / 12)
 * token_freshness     = max(0, (6 − hours_since_migration) / 6)
 * orderflow_imbalance = (buys − sells) / (buys + sells)
 * score = w_tx·tx_accel + w_vol·vol_momentum + w_fresh·token_freshness + w_oi·orderflow_imbalance
 * </pre>
 * A ratio of 1 means "as active as the hour's average", so a steadily trading token scores
 * about w_tx + w_vol = 0.5 with the default weights.
 *
 * <p><b>Tiny denominators.</b> The hour's totals are floored before dividing —
 * {@code tx_1h} at {@value #TX_1H_FLOOR} transactions and {@code vol_1h} at
 * {@value #VOLUME_1H_FLOOR_USD} USD (one trade, or 10 USD, per five minutes) — so nothing is
 * divided by zero and a single trade in a quiet hour does not look like a surge. Both ratios
 * are then capped at {@value #RATIO_CAP}: the last 5 minutes are part of the last hour, so 12
 * ("the whole hour happened in the last 5 minutes") is the largest consistent value; more only
 * comes from inconsistent snapshots. No activity at all gives 0.
 *
 * <p><b>Bounds.</b> tx_accel, vol_momentum ∈ [0, 12]; token_freshness ∈ [0, 1];
 * orderflow_imbalance ∈ [−1, 1]; with non-negative weights summing to 1 the score lies in
 * [−w_oi, 12·(w_tx + w_vol) + w_fresh] ⊂ [−1, 12].
 *
 * <p><b>Inputs.</b> {@code token.metrics} windows are already summed over the token's pools by
 * the collector (it has no per-pool activity), so the model takes them as they are. Buys and
 * sells are trade counts: the contract has no buy/sell volume, and apportioning the 5-minute
 * volume by trade count gives the same ratio. The migration time comes from
 * {@code token.created}; when unknown, freshness is 0 and the round is flagged
 * {@code missing_migration_time}. A migration time after the scoring time (clock skew) counts as 0 h.
 */
@Singleton
public class HybridMomentumModel implements ScoringModel {

    public static final String NAME = "hybrid_momentum";

    public static final String TX_ACCEL = "tx_accel";
    public static final String VOL_MOMENTUM = "vol_momentum";
    public static final String TOKEN_FRESHNESS = "token_freshness";
    public static final String ORDERFLOW_IMBALANCE = "orderflow_imbalance";

    /** Largest value of tx_accel and vol_momentum. */
    public static final double RATIO_CAP = 12.0;
    /** tx_1h is at least this in the tx_accel denominator. */
    public static final long TX_1H_FLOOR = 12;
    /** vol_1h (USD) is at least this in the vol_momentum denominator. */
    public static final double VOLUME_1H_FLOOR_USD = 120.0;
    /** Freshness falls linearly from 1 at migration to 0 after this many hours. */
    public static final double FRESHNESS_HOURS = 6.0;

    /** Warning when the token's migration time is unknown (freshness then counts 0). */
    public static final String MISSING_MIGRATION_TIME = "missing_migration_time";

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QualityReport assess(ScoringInput input, PipelineSettings settings) {
        QualityReport standard = DataQualityRules.assess(input.metrics(), settings);
        return input.migratedAt() == null ? standard.with(List.of(), List.of(MISSING_MIGRATION_TIME)) : standard;
    }

    @Override
    public RawScore compute(ScoringInput input, PipelineSettings settings) {
        TokenMetrics metrics = input.metrics();
        WindowMetrics m5 = metrics.windows().get("m5");
        WindowMetrics h1 = metrics.windows().get("h1");
        Double hours = hoursSinceMigration(input.migratedAt(), input.scoredAt());

        Map<String, Double> components = new LinkedHashMap<>();
        components.put(TX_ACCEL, txAccel(m5.transactions(), h1.transactions()));
        components.put(VOL_MOMENTUM, volMomentum(m5.volumeUsd(), h1.volumeUsd()));
        components.put(TOKEN_FRESHNESS, tokenFreshness(hours));
        components.put(ORDERFLOW_IMBALANCE, orderflowImbalance(m5.buys(), m5.sells()));

        Map<String, Double> used = new LinkedHashMap<>();
        used.put("tx_5m", (double) m5.transactions());
        used.put("tx_1h", (double) h1.transactions());
        used.put("volume_5m_usd", m5.volumeUsd());
        used.put("volume_1h_usd", h1.volumeUsd());
        used.put("buys_5m", (double) m5.buys());
        used.put("sells_5m", (double) m5.sells());
        if (hours != null) {
            used.put("hours_since_migration", hours);
        }
        used.put("liquidity_usd", DataQualityRules.tradeableLiquidityUsd(metrics));
        used.put("tradeable_pools", (double) DataQualityRules.tradeablePools(metrics));

        return new RawScore(components, weightedSum(components, settings), used);
    }

    /** {@code w_tx·tx_accel + w_vol·vol_momentum + w_fresh·token_freshness + w_oi·orderflow_imbalance}. */
    public static double weightedSum(Map<String, Double> components, PipelineSettings settings) {
        return settings.wTx() * components.get(TX_ACCEL)
                + settings.wVol() * components.get(VOL_MOMENTUM)
                + settings.wFresh() * components.get(TOKEN_FRESHNESS)
                + settings.wOi() * components.get(ORDERFLOW_IMBALANCE);
    }

    /** {@code (tx_5m / 5) / (max(tx_1h, 12) / 60)}, capped at 12: transactions per minute now vs the hour. */
    public static double txAccel(long tx5m, long tx1h) {
        return cappedRatio(tx5m / 5.0, Math.max(tx1h, TX_1H_FLOOR) / 60.0);
    }

    /** {@code vol_5m / (max(vol_1h, 120) / 12)}, capped at 12: volume of the last 5 minutes vs an average 5 minutes. */
    public static double volMomentum(double volume5mUsd, double volume1hUsd) {
        return cappedRatio(volume5mUsd, Math.max(volume1hUsd, VOLUME_1H_FLOOR_USD) / 12.0);
    }

    /** {@code max(0, (6 − hours) / 6)}; 0 when unknown, 1 for a migration "in the future". */
    public static double tokenFreshness(Double hoursSinceMigration) {
        if (hoursSinceMigration == null) {
            return 0.0;
        }
        double hours = Math.max(0.0, hoursSinceMigration);
        return Math.max(0.0, (FRESHNESS_HOURS - hours) / FRESHNESS_HOURS);
    }

    /** {@code (buy − sell) / (buy + sell)} ∈ [−1, 1]; 0 (balanced) when there was no trade. */
    public static double orderflowImbalance(double buy, double sell) {
        double total = buy + sell;
        if (total <= 0.0) {
            return 0.0;
        }
        return Math.max(-1.0, Math.min(1.0, (buy - sell) / total));
    }

    /** Hours from migration to the scoring time, null when the migration time is unknown. */
    public static Double hoursSinceMigration(Long migratedAt, long scoredAt) {
        return migratedAt == null ? null : Math.max(0.0, (scoredAt - migratedAt) / MILLIS_PER_HOUR);
    }

    /** numerator / denominator clamped to [0, 12]; the floors keep the denominator positive. */
    private static double cappedRatio(double numerator, double denominator) {
        double ratio = numerator / denominator;
        return Math.max(0.0, Math.min(RATIO_CAP, ratio));
    }
}
