package org.item2vec.api.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.item2vec.api.experiment.ExperimentCatalog;
import org.item2vec.api.index.AnnIndex;
import org.item2vec.api.map.EmbeddingMapCache;
import org.item2vec.api.model.IndexSettings;
import org.item2vec.api.model.ModelLoader;
import org.item2vec.api.model.ModelRegistry;
import org.item2vec.api.model.RegistrySettings;
import org.item2vec.api.recommend.Recommender;

/** Builds the API's long-lived parts from its settings. */
@Factory
public class ApiFactory {
    /**
     * Created at startup, so that the models are loaded before the first request. Versions that running
     * experiments name stay loaded, however old.
     */
    @Context
    @Bean(preDestroy = "close")
    public ModelRegistry modelRegistry(ApiSettings settings, ExperimentCatalog experiments) {
        int threads = settings.indexThreads() > 0 ? settings.indexThreads() : Runtime.getRuntime().availableProcessors();
        IndexSettings index = new IndexSettings(settings.annThreshold(),
                new AnnIndex.Params(settings.hnswM(), settings.hnswEfConstruction(), settings.hnswEf()), threads);
        Set<String> configuredPins = settings.pinnedVersions() == null ? Set.of() : Set.copyOf(settings.pinnedVersions());
        Supplier<Set<String>> pinned = () -> {
            Set<String> all = new HashSet<>(configuredPins);
            all.addAll(experiments.models());
            return all;
        };
        RegistrySettings registry = new RegistrySettings(settings.versionsDirectory(), settings.liveDirectory(),
                settings.defaultModel(), settings.keepVersions(), pinned, settings.refreshInterval(),
                settings.maxLiveChanges());
        ModelRegistry models = new ModelRegistry(registry, new ModelLoader(index));
        models.start();
        return models;
    }

    @Singleton
    public Recommender recommender() {
        return new Recommender();
    }

    @Singleton
    public EmbeddingMapCache embeddingMaps(MapSettings settings) {
        return new EmbeddingMapCache(settings.recomputeInterval());
    }
}
