package org.item2vec.trainer.retrain;

import java.nio.file.Path;
import java.time.Duration;
import org.item2vec.learn.online.OnlineParams;
import org.item2vec.learn.sgns.ContextMode;
import org.item2vec.learn.sgns.TrainingConfig;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.service.config.Settings;
import org.item2vec.service.config.Topics;
import org.item2vec.trainer.live.TrainerConfig;

/**
 * Everything the full retrain can be told ({@code item2vec.retrain.*}, with the model's own
 * {@code item2vec.model.*} and the services' broker, topics and versions directory), with its defaults.
 *
 * @param history            how far back sessions are read; {@code null}: the whole retained topic
 * @param holdout            the most recent stretch of sessions held out for the gate
 * @param maxHoldoutFraction at most this share of the sessions is held out (when the history is short)
 * @param bookedOversampling how many times each session that ended in a booking is trained on
 * @param gateK              the K of HitRate@K and MRR@K
 * @param gateTolerance      the new model may be worse than the current one by this share and still publish
 * @param gateMaxPairs       held-out (previous, next) pairs evaluated at most, drawn at random
 * @param keepVersions       published versions kept (the current one always is)
 * @param schedule           when the trainer service runs the retrain; {@code null}: never ({@code off})
 * @param kafkaTimeout       how long to wait for the broker before giving up
 * @param reportInterval     interval of progress lines
 */
public record RetrainConfig(String bootstrapServers, Topics topics, Path versionsDir, OnlineParams params,
                            TrainingConfig training, Duration history, Duration holdout, double maxHoldoutFraction,
                            int bookedOversampling, int gateK, double gateTolerance, int gateMaxPairs,
                            int keepVersions, CronSchedule schedule, Duration kafkaTimeout, Duration reportInterval) {
    public RetrainConfig {
        if (!(maxHoldoutFraction > 0 && maxHoldoutFraction < 1)) {
            throw new IllegalArgumentException(
                    "item2vec.retrain.max-holdout-fraction must be between 0 and 1, got " + maxHoldoutFraction);
        }
        if (!(gateTolerance >= 0 && gateTolerance < 1)) {
            throw new IllegalArgumentException(
                    "item2vec.retrain.gate-tolerance must be in [0, 1), got " + gateTolerance);
        }
    }

    /** A settings file (as {@code item2vec tune} writes) whose values lie beneath all others. */
    public static final String TUNED_KEY = "item2vec.retrain.tuned";
    public static final String DIM_KEY = "item2vec.model.dim";
    public static final String WINDOW_KEY = "item2vec.retrain.window";
    public static final String NEGATIVE_KEY = "item2vec.retrain.negative";
    public static final String NOISE_EXPONENT_KEY = "item2vec.retrain.noise-exponent";
    public static final String EPOCHS_KEY = "item2vec.retrain.epochs";
    /**
     * The batch settings that measured best on click data (YooChoose, next-item HR@20/MRR@20: README,
     * "Settings for click data"), used where neither the settings nor a tuned configuration say otherwise.
     */
    public static final TrainingConfig CLICK_DEFAULTS = TrainingConfig.builder().dim(32).window(5).negative(20)
            .noiseExponent(0.5).sample(0).minCount(1).epochs(30).build();

    public static RetrainConfig from(Settings given) {
        String tuned = given.string(TUNED_KEY, null);
        Settings settings = tuned == null ? given : given.under(Path.of(tuned));
        OnlineParams params = TrainerConfig.modelParams(settings);
        TrainingConfig training = TrainingConfig.builder()
                .dim(params.dim())
                .negative(settings.integer(NEGATIVE_KEY, CLICK_DEFAULTS.negative(), 1))
                .noiseExponent(settings.decimal(NOISE_EXPONENT_KEY, CLICK_DEFAULTS.noiseExponent()))
                .seed(params.seed())
                .contextMode(ContextMode.WINDOW)
                .window(settings.integer(WINDOW_KEY, CLICK_DEFAULTS.window(), 1))
                .epochs(settings.integer(EPOCHS_KEY, CLICK_DEFAULTS.epochs(), 1))
                .marketNegatives(settings.integer("item2vec.retrain.market-negatives", 1, 0))
                .bookedContext(settings.bool("item2vec.retrain.booked-context", true))
                .sample(settings.decimal("item2vec.retrain.sample", CLICK_DEFAULTS.sample()))
                .minCount(settings.integer("item2vec.retrain.min-count", 1, 1))
                .alpha((float) settings.decimal("item2vec.retrain.alpha", 0.025))
                .threads(settings.integer("item2vec.retrain.threads",
                        Math.max(1, Runtime.getRuntime().availableProcessors()), 1))
                .build();
        String history = settings.string("item2vec.retrain.history", "all");
        return new RetrainConfig(
                KafkaSettings.bootstrapServers(settings),
                Topics.from(settings),
                TrainerConfig.versionsDir(settings),
                params,
                training,
                history.equalsIgnoreCase("all") ? null : settings.duration("item2vec.retrain.history", null),
                settings.duration("item2vec.retrain.holdout", Duration.ofDays(1)),
                settings.decimal("item2vec.retrain.max-holdout-fraction", 0.2),
                settings.integer("item2vec.retrain.booked-oversampling", 1, 1),
                settings.integer("item2vec.retrain.gate-k", 10, 1),
                settings.decimal("item2vec.retrain.gate-tolerance", 0.05),
                settings.integer("item2vec.retrain.gate-max-pairs", 5000, 1),
                settings.integer("item2vec.retrain.keep-versions", 10, 1),
                schedule(settings.string("item2vec.retrain.schedule", "0 3 * * *")),
                settings.duration("item2vec.retrain.kafka-timeout", Duration.ofSeconds(30)),
                settings.duration("item2vec.retrain.report-interval", Duration.ofSeconds(5)));
    }

    private static CronSchedule schedule(String expression) {
        if (expression.equalsIgnoreCase("off")) {
            return null;
        }
        try {
            return CronSchedule.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("item2vec.retrain.schedule: " + e.getMessage(), e);
        }
    }
}
