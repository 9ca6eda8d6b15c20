package org.item2vec.api.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.item2vec.api.experiment.ExperimentCatalog;
import org.item2vec.api.experiment.ExperimentCountsFeed;
import org.item2vec.api.experiment.ExperimentRecommender;
import org.item2vec.api.experiment.ExperimentReports;
import org.item2vec.api.experiment.ImpressionLog;
import org.item2vec.api.model.ModelRegistry;
import org.item2vec.api.recommend.Recommender;
import org.item2vec.experiment.define.InvalidExperimentException;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.service.config.Topics;

/** Builds the parts of experiments from their settings. */
@Factory
public class ExperimentFactory {
    /** The topics under the keys and defaults every service reads ({@code item2vec.topics.*}). */
    @Singleton
    public Topics topics(Environment environment) {
        return Topics.from(new EnvironmentSettings(environment));
    }

    private static String bootstrapServers(Environment environment) {
        return KafkaSettings.bootstrapServers(new EnvironmentSettings(environment));
    }

    @Singleton
    public ExperimentCatalog experimentCatalog(ApiSettings api, ExperimentSettings settings) {
        Path file = settings.file() == null || settings.file().isBlank() ? api.dataDir().resolve("experiments.json")
                : Path.of(settings.file());
        try {
            return ExperimentCatalog.open(file);
        } catch (InvalidExperimentException e) {
            // The API does not start on a broken experiments file: serving without the experiments would
            // silently end them.
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "item2vec.experiments.log-impressions", value = "true", defaultValue = "true")
    public ImpressionLog impressionLog(ExperimentSettings settings, Environment environment, Topics topics,
                                       MeterRegistry meters) {
        return new ImpressionLog(bootstrapServers(environment), topics.impressions(), settings.impressionBuffer(),
                settings.sendTimeout(), meters);
    }

    /** Created with the server and, when there are experiments, started, so that reports have counts at once. */
    @Context
    @Bean(preDestroy = "close")
    public ExperimentCountsFeed experimentCountsFeed(Environment environment, Topics topics,
                                                     ExperimentCatalog catalog, MeterRegistry meters) {
        ExperimentCountsFeed feed = new ExperimentCountsFeed(bootstrapServers(environment), topics.experimentStats(),
                meters);
        if (!catalog.all().isEmpty()) {
            feed.start();
        }
        return feed;
    }

    @Singleton
    public ExperimentReports experimentReports(ExperimentCountsFeed feed) {
        return new ExperimentReports(feed);
    }

    @Singleton
    public ExperimentRecommender experimentRecommender(ModelRegistry models, Recommender recommender,
                                                       ExperimentCatalog catalog, @Nullable ImpressionLog log,
                                                       ExperimentSettings settings) {
        return new ExperimentRecommender(models, recommender, catalog,
                log == null ? impression -> { } : log::log, settings.interleavingSeed());
    }
}
