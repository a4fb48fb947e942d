package io.marketdata.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.marketdata.scoring.model.hybrid.HybridMomentumModel;
import io.marketdata.contracts.settings.PipelineSettings;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** In the application every {@link ScoringModel} bean is registered without further wiring. */
@QuarkusTest
class ModelRegistryCdiTest {

    @Inject
    ModelRegistry registry;

    @Test
    void registryCollectsTheModelBeans() {
        assertEquals(Set.of(HybridMomentumModel.NAME), registry.names());
        assertInstanceOf(HybridMomentumModel.class, registry.active(PipelineSettings.defaults()));
    }
}
