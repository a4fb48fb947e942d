package io.marketdata.scoring.model;

import static io.marketdata.scoring.model.Snapshots.workedExample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.scoring.model.hybrid.HybridMomentumModel;
import io.marketdata.scoring.model.quality.DataQuality;
import io.marketdata.contracts.settings.PipelineSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {

    /** A second model in one class: transaction acceleration alone. */
    static final class TxOnlyModel implements ScoringModel {
        @Override
        public String name() {
            return "tx_only";
        }

        @Override
        public RawScore compute(ScoringInput input, PipelineSettings settings) {
            long tx5m = input.metrics().windows().get("m5").transactions();
            long tx1h = input.metrics().windows().get("h1").transactions();
            double accel = HybridMomentumModel.txAccel(tx5m, tx1h);
            return new RawScore(Map.of("tx_accel", accel), accel, Map.of("tx_5m", (double) tx5m, "tx_1h", (double) tx1h));
        }
    }

    @Test
    void builtInRegistryHasTheHybridModel() {
        ModelRegistry registry = ModelRegistry.builtIn();
        assertEquals(Set.of("hybrid_momentum"), registry.names());
        assertInstanceOf(HybridMomentumModel.class, registry.resolve("hybrid_momentum"));
        assertInstanceOf(HybridMomentumModel.class, registry.active(PipelineSettings.defaults()));
        assertTrue(registry.find("nope").isEmpty());
    }

    @Test
    void unknownNameNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelRegistry.builtIn().resolve("nope"));
        assertEquals("unknown scoring model 'nope'; known: hybrid_momentum", e.getMessage());
    }

    @Test
    void twoModelsWithOneNameAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ModelRegistry.of(new HybridMomentumModel(), new HybridMomentumModel()));
    }

    @Test
    void aNewModelIsOneClassAndBecomesActiveThroughTheSettings() {
        ModelRegistry registry = ModelRegistry.of(new HybridMomentumModel(), new TxOnlyModel());
        assertEquals(List.of("hybrid_momentum", "tx_only"), List.copyOf(registry.names()));
        assertEquals(Map.of("scoring_model", "unknown model 'tx_only'; known: hybrid_momentum"),
                ModelRegistry.builtIn().validate(PipelineSettings.defaults().merge(Map.of("scoring_model", "tx_only"),
                        List.of("hybrid_momentum", "tx_only")).orElseThrow()));

        PipelineSettings settings = registry.merge(PipelineSettings.defaults(), Map.of("scoring_model", "tx_only")).orElseThrow();
        ScoringModel active = registry.active(settings);
        ScoringResult result = active.score(workedExample(), ScoringState.initial(active.name()), settings);
        // (40/5)/(240/60) = 2, and the shared pipeline smooths and checks it like any model
        assertEquals("tx_only", result.model());
        assertEquals(2.0, result.score(), 1e-12);
        assertEquals(Map.of("tx_accel", 2.0), result.smoothedComponents());
        assertEquals(DataQuality.OK, result.dataQuality());
    }
}
