package org.item2vec.trainer.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.item2vec.events.json.BadMessageException;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.service.status.Metrics;
import org.item2vec.service.status.StatusServer;
import org.item2vec.store.EmbeddingStoreWriter;
import org.item2vec.store.ModelVersions;

/**
 * The long-running incremental trainer: reads {@code session-updates}, {@code sessions} and
 * {@code listings} from Kafka, trains the in-memory model, and at every flush interval saves the changed
 * rows with the consumed offsets in one RocksDB batch. It does not commit offsets to Kafka: the store is the
 * only record of what was applied, so a restart, even after {@code kill -9}, seeks to exactly the offsets
 * whose effect the store holds.
 *
 * <p>When a version becomes current (a full retrain passed its gate, or a rollback), the trainer rebases: the
 * version replaces the live store, and the trainer replays the messages after the version's offsets, so that
 * what arrived since the retrain read its data is learned again on top of it.
 *
 * <p>This class owns the lifecycle and the poll loop; the model and its offsets are {@link LiveModel}'s, the
 * rebase {@link VersionWatch}'s and {@link StoreRebase}'s, the outside view {@link TrainerStatus}'s.
 */
public final class LiveTrainer implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration LAG_REFRESH = Duration.ofSeconds(5);
    private static final Duration REBASE_CHECK = Duration.ofSeconds(1);

    private final TrainerConfig config;
    private final Consumer<String> log;
    private final TrainerStatus status = new TrainerStatus();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ModelVersions versions;
    private final VersionWatch versionWatch;
    private EmbeddingStoreWriter store;
    private LiveModel live;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread loop;
    private volatile String failure;

    public LiveTrainer(TrainerConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
        this.versions = new ModelVersions(config.versionsDir());
        this.versionWatch = new VersionWatch(versions, config.dataDir(), log);
    }

    /** Opens or creates the model and starts consuming on a thread of its own. */
    public void start() throws IOException {
        StoreRebase.recover(config.dataDir(), log);
        store = EmbeddingStoreWriter.open(config.dataDir());
        OnlineModel model;
        if (store.params().isEmpty()) {
            store.initialize(config.params());
            model = new OnlineModel(config.params());
            log.accept("trainer: new model in " + config.dataDir() + " (dim " + config.params().dim() + ")");
        } else {
            model = store.loadModel();
            log.accept("trainer: resuming the model in " + config.dataDir() + " with " + model.size() + " items, "
                    + store.progress().appliedMessages() + " messages applied");
        }
        trainOn(new LiveModel(config.topics(), model, store.listings(), store.offsets(),
                store.progress().appliedMessages()));
        status.start(config, this::health, log);
        consumer = new KafkaConsumer<>(KafkaSettings.readCommitted(config.bootstrapServers(), 2000),
                new StringDeserializer(), new ByteArrayDeserializer());
        loop = new Thread(this::run, "live-trainer");
        loop.start();
    }

    private void run() {
        try {
            List<String> topics = List.of(config.topics().listings(), config.topics().sessionUpdates(),
                    config.topics().sessions());
            InputTopics.assignWhenPresent(consumer, topics, config.bootstrapServers(), stopping::get, log);
            live.seek(consumer);
            log.accept("trainer: reading " + topics + " from " + config.bootstrapServers());
            long start = System.nanoTime();
            Every rebaseCheck = new Every(REBASE_CHECK, start - REBASE_CHECK.toNanos());
            Every flush = new Every(config.flushInterval(), start);
            Every snapshot = new Every(config.snapshotInterval(), start);
            Every lagRefresh = new Every(LAG_REFRESH, start - LAG_REFRESH.toNanos());
            boolean unsaved = false;
            while (!stopping.get()) {
                if (rebaseCheck.due(System.nanoTime()) && rebaseIfCurrentMoved()) {
                    unsaved = false;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                    unsaved = true;
                }
                long now = System.nanoTime();
                if (unsaved && flush.due(now)) {
                    save();
                    unsaved = false;
                }
                if (snapshot.due(now)) {
                    save();
                    unsaved = false;
                    ModelVersions.Manifest manifest = live.publishTo(versions);
                    log.accept("trainer: published model version " + manifest.version() + " in "
                            + config.versionsDir());
                }
                if (lagRefresh.due(now)) {
                    status.lag(ConsumerLag.of(consumer));
                }
            }
            save();
        } catch (WakeupException e) {
            save();
        } catch (RuntimeException e) {
            failure = e.toString();
            log.accept("trainer: stopped by an error: " + e);
        } finally {
            consumer.close();
            stopped.countDown();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        long pairsBefore = live.model().appliedPairs();
        try {
            live.apply(record);
            status.applied(live.model().appliedPairs() - pairsBefore);
        } catch (BadMessageException e) {
            status.rejected();
            log.accept("trainer: skipped " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + ": " + e.getMessage());
        }
    }

    /** Rebases onto the current version when it is not the one the store stands on; returns whether it did. */
    private boolean rebaseIfCurrentMoved() {
        Optional<StoreRebase.Rebased> due = versionWatch.rebaseDue(store.base());
        if (due.isEmpty()) {
            return false;
        }
        StoreRebase.Rebased rebased = due.get();
        store.close();
        StoreRebase.swap(config.dataDir());
        store = EmbeddingStoreWriter.open(config.dataDir());
        trainOn(new LiveModel(config.topics(), rebased.model(), rebased.listings(), rebased.offsets(),
                rebased.appliedMessages()));
        live.seek(consumer);
        log.accept("trainer: rebased onto " + rebased.version() + " with " + rebased.model().size()
                + " items; replaying the messages that arrived after it");
        return true;
    }

    private void trainOn(LiveModel model) {
        live = model;
        status.model(live.model());
    }

    private void save() {
        live.saveTo(store);
        status.model(live.model());
    }

    private StatusServer.Health health() {
        if (failure != null) {
            return new StatusServer.Health(false, failure);
        }
        boolean running = loop != null && loop.isAlive();
        return new StatusServer.Health(running, running ? "training" : "stopped");
    }

    public Metrics metrics() {
        return status.metrics();
    }

    public int statusPort() {
        return status.port();
    }

    /** Blocks until the trainer stops (after {@link #close()} or an error); returns the error or null. */
    public String awaitStop() throws InterruptedException {
        stopped.await();
        return failure;
    }

    /** Stops consuming, saves what was applied (the final flush) and closes the store. */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        if (loop == null) {
            stopped.countDown(); // never started: nothing to wait for
        } else {
            consumer.wakeup();
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        status.close();
        if (store != null) {
            store.close();
            // This process's count: the model's own restarts from a version's count at every rebase.
            log.accept("trainer: stopped with " + status.vocabularySize() + " items, " + status.appliedMessages()
                    + " messages applied since the start");
        }
    }
}
