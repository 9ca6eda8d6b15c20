package org.item2vec.trainer.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.learn.online.ColdStart;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.service.config.Settings;
import org.item2vec.store.EmbeddingStore;
import org.item2vec.store.EmbeddingStoreReader;
import org.item2vec.store.ModelVersions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live trainer in this JVM over a real broker: freshness for readers, and bad messages. */
class LiveTrainerTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static final int DIM = 16;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start(shared.resolve("kafka"), 0, 0);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private final List<String> log = new CopyOnWriteArrayList<>();

    private TrainerConfig config(String prefix) throws Exception {
        kafka.createTopics(new NewTopic(prefix + "updates", 1, (short) 1), new NewTopic(prefix + "sessions", 1, (short) 1),
                new NewTopic(prefix + "listings", 1, (short) 1));
        return TrainerConfig.from(Settings.empty()
                .with("item2vec.kafka.bootstrap-servers", kafka.bootstrapServers())
                .with("item2vec.trainer.data-dir", dir.resolve("model").toString())
                .with("item2vec.trainer.status-port", "0")
                .with("item2vec.trainer.report-interval", "1s")
                .with("item2vec.trainer.versions-dir", dir.resolve("versions").toString())
                .with("item2vec.trainer.snapshot-interval", "2s")
                .with("item2vec.topics.session-updates", prefix + "updates")
                .with("item2vec.topics.sessions", prefix + "sessions")
                .with("item2vec.topics.listings", prefix + "listings")
                .with("item2vec.model.dim", Integer.toString(DIM))
                .with("item2vec.model.noise-table-size", "65536"));
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    private static String update(String item, String... context) {
        return "{\"item\":\"" + item + "\",\"context\":[" + String.join(",", List.of(context).stream()
                .map(c -> "\"" + c + "\"").toList()) + "]}";
    }

    /**
     * The model's probability that {@code next} is clicked near {@code item}: σ(input(item) · output(next)),
     * what skip-gram learns from a pair directly. A store row holds the input vector, then the output vector.
     */
    private static double nextProbability(EmbeddingStore store, String item, String next) {
        float[] a = store.vectors(item).orElseThrow();
        float[] b = store.vectors(next).orElseThrow();
        double dot = 0;
        for (int j = 0; j < DIM; j++) {
            dot += a[j] * b[DIM + j];
        }
        return 1 / (1 + Math.exp(-dot));
    }

    @Test
    void aNewClickPairMovesSimilarityForReadersWithinSeconds() throws Exception {
        String prefix = "fresh-" + UUID.randomUUID() + "-";
        TrainerConfig config = config(prefix);
        try (LiveTrainer trainer = new LiveTrainer(config, log::add); KafkaProducer<String, String> producer = producer()) {
            trainer.start();
            // Background traffic: two groups of items that never meet.
            for (int i = 0; i < 3000; i++) {
                String group = i % 2 == 0 ? "a" : "b";
                producer.send(new ProducerRecord<>(prefix + "updates", update(group + (i % 20), group + ((i + 3) % 20))));
            }
            producer.flush();
            StoreProgress.awaitApplied(config.dataDir(), dir, 3000, Duration.ofSeconds(60));

            try (EmbeddingStoreReader reader = EmbeddingStoreReader.openFollower(config.dataDir(), dir.resolve("reader"))) {
                double before = nextProbability(reader, "a4", "b5");
                long sent = System.nanoTime();
                for (int i = 0; i < 30; i++) {
                    producer.send(new ProducerRecord<>(prefix + "updates", update("b5", "a4")));
                }
                producer.flush();
                double after = before;
                double seconds = 0;
                while (after - before < 0.2 && (seconds = (System.nanoTime() - sent) / 1e9) < 10) {
                    Thread.sleep(50);
                    reader.catchUp();
                    after = nextProbability(reader, "a4", "b5");
                }
                System.out.printf("P(b5 near a4) %.3f -> %.3f, visible to a reader after %.2f s%n", before, after, seconds);
                assertTrue(after - before >= 0.2, "the score moved from " + before + " to " + after + "; " + log);
                assertTrue(seconds < 5, "took " + seconds + " s");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.isDirectory(dir.resolve("versions/v000001")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(log.stream().anyMatch(l -> l.startsWith("trainer: published model version v000001")), log.toString());
            ModelVersions.Manifest published = ModelVersions.verify(dir.resolve("versions/v000001"));
            assertEquals(DIM, published.params().dim());
            assertTrue(log.stream().anyMatch(l -> l.matches("trainer: [0-9.]+ items/s, [0-9.]+ pairs/s, "
                    + "vocabulary \\d+ items, lag -?\\d+")), log.toString());
        }
    }

    @Test
    void unusableMessagesAreSkippedWithTheirReasonAndTrainingGoesOn() throws Exception {
        String prefix = "bad-" + UUID.randomUUID() + "-";
        TrainerConfig config = config(prefix);
        try (LiveTrainer trainer = new LiveTrainer(config, log::add); KafkaProducer<String, String> producer = producer()) {
            trainer.start();
            producer.send(new ProducerRecord<>(prefix + "updates", "{not json"));
            producer.send(new ProducerRecord<>(prefix + "updates", "{\"item\":\"x\"}"));
            producer.send(new ProducerRecord<>(prefix + "sessions", "[1,2]"));
            producer.send(new ProducerRecord<>(prefix + "listings", "{\"market\":\"paris\"}"));
            producer.send(new ProducerRecord<>(prefix + "updates", update("y", "x")));
            producer.send(new ProducerRecord<>(prefix + "sessions",
                    "{\"items\":[\"x\",\"y\",\"z\"],\"booked\":\"z\"}"));
            producer.flush();
            StoreProgress.awaitApplied(config.dataDir(), dir, 6, Duration.ofSeconds(60));

            assertEquals(4, trainer.metrics().total("rejected_messages_total"));
            assertEquals(2, trainer.metrics().total("messages_total"));
            assertTrue(log.stream().anyMatch(l -> l.contains("skipped " + prefix + "updates-0@0: malformed JSON")), log.toString());
            assertTrue(log.stream().anyMatch(l -> l.contains("field 'context' is missing")), log.toString());
            assertTrue(log.stream().anyMatch(l -> l.contains("skipped " + prefix + "listings-0@0: field 'item'")), log.toString());
        }
        try (EmbeddingStoreReader store = EmbeddingStoreReader.openReadOnly(config.dataDir())) {
            // y after x (2 pairs), then x and y against the booked z (2 pairs)
            assertEquals(4, store.progress().appliedPairs());
            assertEquals(6, store.progress().appliedMessages(), "skipped messages are consumed, not retried");
        }
    }

    @Test
    void whenAVersionBecomesCurrentTheTrainerRebasesOntoItAndReplaysWhatCameAfter() throws Exception {
        String prefix = "rebase-" + UUID.randomUUID() + "-";
        TrainerConfig config = config(prefix);
        try (LiveTrainer trainer = new LiveTrainer(config, log::add); KafkaProducer<String, String> producer = producer()) {
            trainer.start();
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(prefix + "updates", update("late" + i, "late" + (i + 1))));
            }
            producer.flush();
            StoreProgress.awaitApplied(config.dataDir(), dir, 100, Duration.ofSeconds(60));

            // A retrain that read the first 60 updates and learned an item the live model never saw.
            OnlineModel retrained = new OnlineModel(config.params());
            SplittableRandom random = new SplittableRandom(3);
            retrained.observe("only-in-the-retrain", ColdStart.NONE, random);
            retrained.observe("late0", ColdStart.NONE, random);
            ModelVersions versions = new ModelVersions(config.versionsDir());
            String version = versions.publish(retrained, Map.of(prefix + "updates:0", 60L), List.of(), 0,
                    new ModelVersions.Provenance(ModelVersions.RETRAIN, null, null, Map.of(), null)).version();
            versions.makeCurrent(version);

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!rebasedOnto(config, version) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            StoreProgress.awaitApplied(config.dataDir(), dir, 40, Duration.ofSeconds(30));
            try (EmbeddingStoreReader store = EmbeddingStoreReader.openFollower(config.dataDir(), dir.resolve("after-rebase"))) {
                assertEquals(java.util.Optional.of(version), store.base());
                assertTrue(store.item("only-in-the-retrain").isPresent(), "the store is the version's");
                assertTrue(store.item("late99").isPresent(), "updates after the version's offsets are replayed");
                assertFalse(store.item("late30").isPresent(), "updates before its offsets are the version's to know");
                assertEquals(100L, store.offsets().get(prefix + "updates:0"));
            }

            // A current version that cannot be read is reported once; training goes on.
            String broken = versions.publish(retrained, Map.of(), List.of(), 0, Map.of()).version();
            Files.writeString(config.versionsDir().resolve(broken).resolve(ModelVersions.MANIFEST), "{");
            Files.writeString(config.versionsDir().resolve(ModelVersions.CURRENT), broken + "\n");
            producer.send(new ProducerRecord<>(prefix + "updates", update("after-broken", "late0")));
            producer.flush();
            StoreProgress.awaitApplied(config.dataDir(), dir, 41, Duration.ofSeconds(30));
            assertEquals(1, log.stream().filter(l -> l.contains("cannot rebase onto " + broken)).count(), log::toString);
        }
    }

    private boolean rebasedOnto(TrainerConfig config, String version) {
        if (!Files.exists(config.dataDir().resolve("CURRENT"))) {
            return false;
        }
        try (EmbeddingStoreReader store = EmbeddingStoreReader.openFollower(config.dataDir(),
                dir.resolve("probe-" + System.nanoTime()))) {
            return store.base().filter(version::equals).isPresent();
        } catch (RuntimeException swappedMeanwhile) {
            return false;
        }
    }
}
