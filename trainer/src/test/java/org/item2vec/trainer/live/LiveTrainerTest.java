package org.item2vec.trainer.live;

import static org.awaitility.Awaitility.await;
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
import org.item2vec.testing.EndToEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live trainer in this JVM over a real broker: freshness for readers, and bad messages. */
@EndToEnd
class LiveTrainerTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static final int DIM = 16;
    private static final String STATUS_LINE = "trainer: [0-9.]+ items/s, [0-9.]+ pairs/s, vocabulary \\d+ items, lag -?\\d+";
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
                double after = await("the pair's score moving for a reader").atMost(Duration.ofSeconds(60))
                        .until(() -> {
                            reader.catchUp();
                            return nextProbability(reader, "a4", "b5");
                        }, now -> now - before >= 0.2);
                System.out.printf("P(b5 near a4) %.3f -> %.3f, visible to a reader after %.2f s%n", before, after,
                        (System.nanoTime() - sent) / 1e9);
            }
            await("a published version").atMost(Duration.ofSeconds(60))
                    .until(() -> Files.isDirectory(dir.resolve("versions/v000001")));
            assertTrue(log.stream().anyMatch(l -> l.startsWith("trainer: published model version v000001")), log.toString());
            ModelVersions.Manifest published = ModelVersions.verify(dir.resolve("versions/v000001"));
            assertEquals(DIM, published.params().dim());
            assertTrue(log.stream().anyMatch(l -> l.matches(STATUS_LINE)), log.toString());
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
            awaitStatusLineAfter(log.size()); // one that counted the pairs of the 100 updates

            // A retrain that read the first 60 updates and learned an item the live model never saw.
            OnlineModel retrained = new OnlineModel(config.params());
            SplittableRandom random = new SplittableRandom(3);
            retrained.observe("only-in-the-retrain", ColdStart.NONE, random);
            retrained.observe("late0", ColdStart.NONE, random);
            ModelVersions versions = new ModelVersions(config.versionsDir());
            String version = versions.publish(retrained, Map.of(prefix + "updates:0", 60L), List.of(), 0,
                    new ModelVersions.Provenance(ModelVersions.RETRAIN, null, null, Map.of(), null)).version();
            versions.makeCurrent(version);

            await("the rebase onto " + version).atMost(Duration.ofSeconds(60)).until(() -> rebasedOnto(config, version));
            StoreProgress.awaitApplied(config.dataDir(), dir, 40, Duration.ofSeconds(30));
            try (EmbeddingStoreReader store = EmbeddingStoreReader.openFollower(config.dataDir(), dir.resolve("after-rebase"))) {
                assertEquals(java.util.Optional.of(version), store.base());
                assertTrue(store.item("only-in-the-retrain").isPresent(), "the store is the version's");
                assertTrue(store.item("late99").isPresent(), "updates after the version's offsets are replayed");
                assertFalse(store.item("late30").isPresent(), "updates before its offsets are the version's to know");
                assertEquals(100L, store.offsets().get(prefix + "updates:0"));
            }
            awaitStatusLineAfter(log.size()); // one after the rebase, which set the model's pair count back

            // A current version that cannot be read is reported once; training goes on.
            String broken = versions.publish(retrained, Map.of(), List.of(), 0, Map.of()).version();
            Files.writeString(config.versionsDir().resolve(broken).resolve(ModelVersions.MANIFEST), "{");
            Files.writeString(config.versionsDir().resolve(ModelVersions.CURRENT), broken + "\n");
            producer.send(new ProducerRecord<>(prefix + "updates", update("after-broken", "late0")));
            producer.flush();
            await("the broken version reported").atMost(Duration.ofSeconds(60))
                    .until(() -> log.stream().anyMatch(l -> l.contains("cannot rebase onto " + broken)));
            StoreProgress.awaitApplied(config.dataDir(), dir, 41, Duration.ofSeconds(30));
            awaitStatusLineAfter(log.size()); // meanwhile the trainer went on checking the current version
            assertEquals(1, log.stream().filter(l -> l.contains("cannot rebase onto " + broken)).count(), log::toString);
        }
        List<String> rates = log.stream().filter(l -> l.contains(" pairs/s, ")).toList();
        assertTrue(rates.stream().allMatch(l -> l.matches(STATUS_LINE)), "negative rates in " + rates);
        // 100 updates, the 40 after the version's offsets once more, and one after the broken version.
        assertTrue(log.stream().anyMatch(l -> l.matches("trainer: stopped with \\d+ items, 141 messages applied since the start")),
                log::toString);
    }

    /** Waits for a status line logged after the first {@code lines} lines. */
    private void awaitStatusLineAfter(int lines) {
        await("a status line").atMost(Duration.ofSeconds(60))
                .until(() -> log.subList(lines, log.size()).stream().anyMatch(l -> l.matches(STATUS_LINE)));
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
