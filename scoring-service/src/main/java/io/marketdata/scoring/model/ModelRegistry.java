package io.marketdata.scoring.model;

import io.marketdata.scoring.model.hybrid.HybridMomentumModel;
import io.marketdata.contracts.settings.PipelineSettings;
import io.marketdata.contracts.settings.ValidatedSettings;
import io.quarkus.arc.All;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scoring models by name. In the service every {@link ScoringModel} bean is registered;
 * {@link #active(PipelineSettings)} resolves the one named by the {@code scoring_model} setting.
 */
@Singleton
public class ModelRegistry {

    private final Map<String, ScoringModel> models;

    /** In the service: every {@link ScoringModel} bean. Two models with one name are refused. */
    @Inject
    public ModelRegistry(@All List<ScoringModel> models) {
        Map<String, ScoringModel> byName = new LinkedHashMap<>();
        for (ScoringModel model : models) {
            ScoringModel clash = byName.putIfAbsent(model.name(), model);
            if (clash != null) {
                throw new IllegalArgumentException("two scoring models named '" + model.name() + "': "
                        + clash.getClass().getName() + " and " + model.getClass().getName());
            }
        }
        this.models = Collections.unmodifiableMap(byName);
    }

    /** A registry of exactly these models, for use outside CDI. */
    public static ModelRegistry of(ScoringModel... models) {
        return new ModelRegistry(List.of(models));
    }

    /** The models shipped with this module, for use outside CDI. */
    public static ModelRegistry builtIn() {
        return of(new HybridMomentumModel());
    }

    /** Names of all registered models, in registration order. */
    public Set<String> names() {
        return models.keySet();
    }

    public Optional<ScoringModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** The model with this name; {@link IllegalArgumentException} naming the known ones otherwise. */
    public ScoringModel resolve(String name) {
        ScoringModel model = models.get(name);
        if (model == null) {
            throw new IllegalArgumentException("unknown scoring model '" + name + "'; known: " + String.join(", ", names()));
        }
        return model;
    }

    /** The active model of these settings. */
    public ScoringModel active(PipelineSettings settings) {
        return resolve(settings.scoringModel());
    }

    /** Field-level validation of settings against the models registered here. */
    public Map<String, String> validate(PipelineSettings settings) {
        return settings.validate(names());
    }

    /** Applies a (partial) settings change, validated against the models registered here. */
    public ValidatedSettings merge(PipelineSettings current, Map<String, ?> changes) {
        return current.merge(changes, names());
    }
}
