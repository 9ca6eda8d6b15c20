package org.item2vec.trainer.live;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.item2vec.service.status.Metrics;
import org.item2vec.service.status.PeriodicReport;
import org.item2vec.service.status.StatusServer;
import org.item2vec.trainer.messages.StreamMessages;
import org.item2vec.trainer.messages.StreamMessages.BadMessage;
import org.item2vec.trainer.messages.StreamMessages.FinishedSession;
import org.item2vec.trainer.messages.StreamMessages.Update;
import org.item2vec.trainer.messages.TopicConsumers;
import org.item2vec.trainer.online.IncrementalTraining;
import org.item2vec.trainer.online.Listing;
import org.item2vec.trainer.online.ListingCatalog;
import org.item2vec.trainer.online.OnlineModel;
import org.item2vec.trainer.online.OnlineParams;
import org.item2vec.trainer.store.EmbeddingStore;
import org.item2vec.trainer.store.ModelVersions;
import org.item2vec.trainer.store.StoreException;

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
 */
public final class LiveTrainer implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration LAG_REFRESH = Duration.ofSeconds(5);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(2);
    private static final Duration REBASE_CHECK = Duration.ofSeconds(1);

    private final TrainerConfig config;
    private final Consumer<String> log;
    private final Metrics metrics = new Metrics("item2vec_trainer");
    private final LongAdder messages = metrics.counter("messages_total", "Messages applied to the model");
    private final LongAdder rejected = metrics.counter("rejected_messages_total", "Messages skipped as unusable");
    // Counted here rather than read from the model, whose count restarts from a version's at every rebase.
    private final LongAdder pairs = metrics.counter("pairs_total", "Training pairs applied by this process");
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, Long> nextOffsets = new HashMap<>();
    private final List<Listing> newListings = new ArrayList<>();
    private final ModelVersions versions;
    private EmbeddingStore store;
    private IncrementalTraining training;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread loop;
    private StatusServer status;
    private PeriodicReport report;
    private volatile long lag = -1;
    private volatile long vocabularySize;
    private volatile long appliedPairs;
    private volatile String failure;
    private long appliedMessages;
    private String unusableVersion;

    public LiveTrainer(TrainerConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
        this.versions = new ModelVersions(config.versionsDir());
    }

    /** Opens or creates the model and starts consuming on a thread of its own. */
    public void start() throws IOException {
        StoreRebase.recover(config.dataDir(), log);
        store = EmbeddingStore.open(config.dataDir());
        OnlineParams params = store.params().orElse(null);
        OnlineModel model;
        if (params == null) {
            store.initialize(config.params());
            model = new OnlineModel(config.params());
            log.accept("trainer: new model in " + config.dataDir() + " (dim " + config.params().dim() + ")");
        } else {
            model = store.loadModel();
            log.accept("trainer: resuming the model in " + config.dataDir() + " with " + model.size() + " items, "
                    + store.progress().appliedMessages() + " messages applied");
        }
        trainOn(model, store.listings(), store.offsets(), store.progress().appliedMessages());

        metrics.gauge("vocabulary_size", "Items in the model", () -> vocabularySize);
        metrics.gauge("applied_pairs", "Training pairs applied since the model was created", () -> appliedPairs);
        metrics.gauge("lag", "Messages waiting in Kafka (-1: not known yet)", () -> lag);
        if (config.statusPort() >= 0) {
            status = new StatusServer(config.statusPort(), metrics, this::health);
        }
        report = new PeriodicReport(config.reportInterval(),
                new LongSupplier[] {messages::sum, pairs::sum},
                rates -> String.format(Locale.ROOT, "trainer: %.1f items/s, %.1f pairs/s, vocabulary %d items, lag %d",
                        rates.perSecond(0), rates.perSecond(1), vocabularySize, lag),
                log);
        consumer = new KafkaConsumer<>(TopicConsumers.readCommitted(config.bootstrapServers(), 2000),
                new StringDeserializer(), new ByteArrayDeserializer());
        loop = new Thread(this::run, "live-trainer");
        loop.start();
    }

    private void run() {
        try {
            assignPartitions();
            long lastSave = System.nanoTime();
            long lastSnapshot = lastSave;
            long lastLag = 0;
            long lastRebaseCheck = 0;
            boolean unsaved = false;
            while (!stopping.get()) {
                if (System.nanoTime() - lastRebaseCheck >= REBASE_CHECK.toNanos()) {
                    if (rebaseIfCurrentMoved()) {
                        unsaved = false;
                    }
                    lastRebaseCheck = System.nanoTime();
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                    nextOffsets.put(TopicConsumers.offsetKey(record.topic(), record.partition()), record.offset() + 1);
                    appliedMessages++;
                    unsaved = true;
                }
                long now = System.nanoTime();
                if (unsaved && now - lastSave >= config.flushInterval().toNanos()) {
                    save();
                    unsaved = false;
                    lastSave = now;
                }
                if (!config.snapshotInterval().isZero() && now - lastSnapshot >= config.snapshotInterval().toNanos()) {
                    save();
                    unsaved = false;
                    publishVersion();
                    lastSnapshot = now;
                }
                if (now - lastLag >= LAG_REFRESH.toNanos()) {
                    refreshLag();
                    lastLag = now;
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

    /** Waits for the input topics (the streaming application creates them), then reads from the saved offsets. */
    private void assignPartitions() {
        List<String> topics = List.of(config.topics().listings(), config.topics().sessionUpdates(),
                config.topics().sessions());
        List<TopicPartition> partitions = new ArrayList<>();
        while (!stopping.get()) {
            partitions.clear();
            Map<String, List<PartitionInfo>> existing = consumer.listTopics();
            List<String> missing = topics.stream().filter(t -> !existing.containsKey(t)).toList();
            if (missing.isEmpty()) {
                topics.forEach(t -> existing.get(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
                break;
            }
            log.accept("trainer: waiting for topics " + missing + " on " + config.bootstrapServers());
            sleep(TOPIC_WAIT);
        }
        consumer.assign(partitions);
        seekToSavedOffsets();
        log.accept("trainer: reading " + topics + " from " + config.bootstrapServers());
    }

    private void seekToSavedOffsets() {
        for (TopicPartition partition : consumer.assignment()) {
            Long saved = nextOffsets.get(TopicConsumers.offsetKey(partition.topic(), partition.partition()));
            if (saved == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, saved);
            }
        }
    }

    /**
     * Rebases onto the current version when it is not the one the store stands on; returns whether it did.
     * A version that cannot be read is reported once and the trainer goes on with the model it has.
     */
    private boolean rebaseIfCurrentMoved() {
        Optional<String> current = versions.current();
        if (current.isEmpty() || current.equals(store.base()) || current.get().equals(unusableVersion)) {
            return false;
        }
        String version = current.get();
        log.accept("trainer: " + version + " is now current; rebasing the live model onto it");
        StoreRebase.Rebased rebased;
        try {
            rebased = StoreRebase.prepare(versions.root().resolve(version), config.dataDir());
        } catch (StoreException e) {
            unusableVersion = version;
            log.accept("trainer: cannot rebase onto " + version + ", training on without it: " + e.getMessage());
            return false;
        }
        store.close();
        StoreRebase.swap(config.dataDir());
        store = EmbeddingStore.open(config.dataDir());
        newListings.clear();
        trainOn(rebased.model(), rebased.listings(), rebased.offsets(), rebased.appliedMessages());
        seekToSavedOffsets();
        log.accept("trainer: rebased onto " + version + " with " + rebased.model().size()
                + " items; replaying the messages that arrived after it");
        return true;
    }

    /** Trains {@code model} from here on, resuming after {@code offsets}: the store's, or a version's. */
    private void trainOn(OnlineModel model, List<Listing> listings, Map<String, Long> offsets, long applied) {
        ListingCatalog catalog = new ListingCatalog();
        listings.forEach(catalog::put);
        training = new IncrementalTraining(model, catalog);
        nextOffsets.clear();
        nextOffsets.putAll(offsets);
        appliedMessages = applied;
        publishGauges();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        long seed = IncrementalTraining.seedFor(training.model().params().seed(), record.topic(),
                record.partition(), record.offset());
        long pairsBefore = training.model().appliedPairs();
        try {
            if (record.topic().equals(config.topics().sessionUpdates())) {
                Update update = StreamMessages.update(record.value());
                training.applyUpdate(update.item(), update.context(), seed);
            } else if (record.topic().equals(config.topics().sessions())) {
                FinishedSession session = StreamMessages.session(record.value());
                training.applySession(session.items(), session.booked(), seed);
            } else if (record.value() != null) {
                Listing listing = StreamMessages.listing(record.value());
                training.applyListing(listing);
                newListings.add(listing);
            }
            messages.increment();
            pairs.add(training.model().appliedPairs() - pairsBefore);
        } catch (BadMessage e) {
            rejected.increment();
            log.accept("trainer: skipped " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + ": " + e.getMessage());
        }
    }

    private void save() {
        store.save(training.model(), nextOffsets, newListings, appliedMessages);
        newListings.clear();
        publishGauges();
    }

    private void publishVersion() {
        ModelVersions.Manifest manifest = versions.publish(training.model(),
                nextOffsets, training.catalog().all(), appliedMessages, Map.of(
                        "items", training.model().size(),
                        "appliedPairs", training.model().appliedPairs(),
                        "appliedMessages", appliedMessages));
        log.accept("trainer: published model version " + manifest.version() + " in " + config.versionsDir());
    }

    private void publishGauges() {
        vocabularySize = training.model().size();
        appliedPairs = training.model().appliedPairs();
    }

    private void refreshLag() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        long total = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            total += Math.max(0, end.getValue() - consumer.position(end.getKey()));
        }
        lag = total;
    }

    private StatusServer.Health health() {
        if (failure != null) {
            return new StatusServer.Health(false, failure);
        }
        boolean running = loop != null && loop.isAlive();
        return new StatusServer.Health(running, running ? "training" : "stopped");
    }

    public Metrics metrics() {
        return metrics;
    }

    public int statusPort() {
        return status == null ? -1 : status.port();
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
        if (report != null) {
            report.close();
        }
        if (status != null) {
            status.close();
        }
        if (store != null) {
            store.close();
            // This process's count: the model's own restarts from a version's count at every rebase.
            log.accept("trainer: stopped with " + vocabularySize + " items, " + messages.sum()
                    + " messages applied since the start");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
