package org.item2vec.trainer.live;

import java.nio.file.Path;
import java.time.Duration;
import org.item2vec.learn.online.OnlineParams;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.service.config.Settings;
import org.item2vec.service.config.Topics;

/**
 * Everything the live trainer can be told, from {@link Settings} (file, {@code ITEM2VEC_*} environment,
 * options), with the defaults it runs on.
 *
 * @param bootstrapServers Kafka brokers
 * @param dataDir          the RocksDB embedding store
 * @param topics           topic names, shared with the streaming application
 * @param params           parameters of a new model (an existing model keeps its own)
 * @param flushInterval    how often changed vectors and offsets are saved, and so how soon readers see them
 * @param versionsDir      where snapshots are published as immutable model versions
 * @param snapshotInterval how often a snapshot is published (zero: never)
 * @param statusPort       port of {@code /health} and {@code /metrics} (0: any free port, -1: none)
 * @param reportInterval   interval of the status line
 */
public record TrainerConfig(String bootstrapServers, Path dataDir, Topics topics, OnlineParams params,
                            Duration flushInterval, Path versionsDir, Duration snapshotInterval, int statusPort,
                            Duration reportInterval) {
    /** Where published versions live: the live trainer's snapshots and the retrain's versions share it. */
    public static final String VERSIONS_DIR_KEY = "item2vec.trainer.versions-dir";
    public static final String DEFAULT_VERSIONS_DIR = "data/versions";

    public static TrainerConfig from(Settings settings) {
        return new TrainerConfig(
                KafkaSettings.bootstrapServers(settings),
                Path.of(settings.string("item2vec.trainer.data-dir", "data/model")),
                Topics.from(settings),
                modelParams(settings),
                settings.duration("item2vec.trainer.flush-interval", Duration.ofSeconds(1)),
                versionsDir(settings),
                settings.duration("item2vec.trainer.snapshot-interval", Duration.ofHours(1)),
                settings.integer("item2vec.trainer.status-port", 8082, -1),
                settings.duration("item2vec.trainer.report-interval", Duration.ofMinutes(1)));
    }

    /** Where versions are published ({@value #VERSIONS_DIR_KEY}), for every command that reads or writes them. */
    public static Path versionsDir(Settings settings) {
        return Path.of(settings.string(VERSIONS_DIR_KEY, DEFAULT_VERSIONS_DIR));
    }

    /** The model's parameters ({@code item2vec.model.*}), shared by the live trainer and the full retrain. */
    public static OnlineParams modelParams(Settings settings) {
        OnlineParams defaults = OnlineParams.DEFAULT;
        return new OnlineParams(
                settings.integer("item2vec.model.dim", defaults.dim(), 1),
                settings.integer("item2vec.model.negative", defaults.negative(), 0),
                (float) settings.decimal("item2vec.model.learning-rate", defaults.learningRate()),
                settings.decimal("item2vec.model.noise-exponent", defaults.noiseExponent()),
                settings.integer("item2vec.model.max-items", defaults.maxItems(), 2),
                settings.integer("item2vec.model.noise-table-size", defaults.noiseTableSize(), 1024),
                settings.integer("item2vec.model.seed", (int) defaults.seed()),
                settings.integer("item2vec.model.replays", defaults.replays(), 0),
                settings.integer("item2vec.model.memory", defaults.memory(), 0));
    }
}
