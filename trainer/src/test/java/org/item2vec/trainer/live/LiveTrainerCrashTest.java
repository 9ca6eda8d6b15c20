package org.item2vec.trainer.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.events.messages.SessionUpdate;
import org.item2vec.events.sessions.ClickEvent;
import org.item2vec.events.sessions.Session;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.events.sessions.Sessionizer;
import org.item2vec.learn.online.IncrementalTraining;
import org.item2vec.learn.online.ListingCatalog;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.learn.online.OnlineParams;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.store.EmbeddingStoreReader;
import org.item2vec.testing.ChildJvm;
import org.item2vec.testing.EndToEnd;
import org.item2vec.trainer.demo.DemoMarketplace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trainer in a JVM of its own, over a real broker and real RocksDB, killed with SIGKILL mid-stream and
 * restarted: every update must be applied exactly once. What that guarantees, as the README states it: the
 * offsets, the applied message and pair counts and every item's count are exactly those of an uninterrupted
 * run; the vectors are bit-identical to it when the input is one partition. With several partitions the order
 * in which a poll interleaves them differs from run to run, interrupted or not, and so do the vectors.
 */
@EndToEnd
class LiveTrainerCrashTest {
    private static final String UPDATES = "crash-updates";
    private static final OnlineParams PARAMS = new OnlineParams(16, 5, 0.05f, 0.75, 100_000, 1 << 16, 11);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} partition(s)")
    @ValueSource(ints = {1, 2})
    void aKilledTrainerResumesFromItsStoreAndAppliesEveryUpdateExactlyOnce(int partitions) throws Exception {
        List<String> updates = updates();
        int firstPart = updates.size() / 2;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0)) {
            createTopics(kafka, partitions);
            Path settings = writeSettings(kafka);
            Path model = dir.resolve("model");

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                try (ChildJvm first = startTrainer(settings, "first")) {
                    first.awaitOutput("started", Duration.ofSeconds(60));
                    produce(producer, updates, 0, firstPart, partitions);
                    StoreProgress.awaitApplied(model, dir, updates.size() / 3, Duration.ofSeconds(60));
                    first.kill(); // SIGKILL: no final flush
                }
                // The rest is published only now, so the kill came before the end of the stream, whatever the pace.
                long appliedAtKill = StoreProgress.read(model, dir).appliedMessages();
                assertTrue(appliedAtKill <= firstPart, "applied " + appliedAtKill + " of " + firstPart + " published");

                try (ChildJvm second = startTrainer(settings, "second")) {
                    second.awaitOutput("started", Duration.ofSeconds(60));
                    produce(producer, updates, firstPart, updates.size(), partitions);
                    StoreProgress.awaitApplied(model, dir, updates.size(), Duration.ofSeconds(120));
                    second.process().destroy(); // SIGTERM: clean stop with a final flush
                    int exit = second.awaitExit(Duration.ofSeconds(60));
                    assertTrue(exit == 0 || exit == 143, "a terminated trainer exits cleanly, got " + exit);
                }
            }

            // The uninterrupted run: every partition in offset order, the partitions one after the other.
            IncrementalTraining reference = new IncrementalTraining(new OnlineModel(PARAMS), new ListingCatalog());
            Map<String, Long> expectedOffsets = new HashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                long offset = 0;
                for (int i = partition; i < updates.size(); i += partitions) {
                    SessionUpdate update = SessionUpdate.fromJson(updates.get(i).getBytes());
                    reference.applyUpdate(update.item(), update.context(),
                            IncrementalTraining.seedFor(PARAMS.seed(), UPDATES, partition, offset++));
                }
                expectedOffsets.put(UPDATES + ":" + partition, offset);
            }
            try (EmbeddingStoreReader store = EmbeddingStoreReader.openReadOnly(model)) {
                assertEquals(expectedOffsets, store.offsets());
                assertEquals(updates.size(), store.progress().appliedMessages());
                assertEquals(reference.model().appliedPairs(), store.progress().appliedPairs());
                Embeddings stored = store.loadModel().toEmbeddings();
                Embeddings expected = reference.model().toEmbeddings();
                assertEquals(expected.size(), stored.size());
                for (int i = 0; i < expected.size(); i++) {
                    String item = expected.vocabulary().token(i);
                    int j = stored.vocabulary().indexOf(item);
                    assertEquals(expected.vocabulary().count(i), stored.vocabulary().count(j), item);
                    if (partitions == 1) {
                        assertArrayEquals(row(expected, expected.input(), i), row(stored, stored.input(), j), item);
                        assertArrayEquals(row(expected, expected.output(), i), row(stored, stored.output(), j), item);
                    }
                }
            }
        }
    }

    private static float[] row(Embeddings model, float[] matrix, int row) {
        float[] copy = new float[model.dim()];
        System.arraycopy(matrix, row * model.stride(), copy, 0, model.dim());
        return copy;
    }

    /** Session updates as the streaming application writes them, from a synthetic marketplace. */
    private static List<String> updates() {
        List<ClickEvent> clicks = DemoMarketplace.generate(1500, 5).clicks();
        List<Session> sessions = clicks.stream().collect(Collectors.groupingBy(ClickEvent::user)).values().stream()
                .flatMap(events -> Sessionizer.cut(events, SessionRules.DEFAULT).stream())
                .sorted(Comparator.comparingLong(Session::startMs).thenComparing(Session::user))
                .toList();
        List<String> updates = new ArrayList<>();
        for (Session session : sessions) {
            List<String> items = session.items();
            for (int i = 1; i < items.size(); i++) {
                String context = items.subList(Math.max(0, i - 5), i).stream()
                        .map(item -> "\"" + item + "\"").collect(Collectors.joining(","));
                updates.add("{\"sessionId\":\"" + session.user() + "@" + session.startMs() + "\",\"user\":\""
                        + session.user() + "\",\"item\":\"" + items.get(i) + "\",\"context\":[" + context + "]}");
            }
        }
        return updates;
    }

    private static void createTopics(EmbeddedKafka kafka, int partitions) throws Exception {
        kafka.createTopics(new NewTopic(UPDATES, partitions, (short) 1), new NewTopic("crash-sessions", 1, (short) 1),
                new NewTopic("crash-listings", 1, (short) 1));
    }

    /** Publishes updates {@code from} to {@code to}, update i to partition i mod {@code partitions}. */
    private static void produce(KafkaProducer<String, String> producer, List<String> updates, int from, int to,
                                int partitions) {
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>(UPDATES, i % partitions, null, updates.get(i)));
        }
        producer.flush();
    }

    private Path writeSettings(EmbeddedKafka kafka) throws IOException {
        return Files.writeString(dir.resolve("trainer.properties"), String.join("\n",
                "item2vec.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "item2vec.trainer.data-dir=" + dir.resolve("model"),
                "item2vec.trainer.flush-interval=200ms",
                "item2vec.trainer.status-port=-1",
                "item2vec.topics.session-updates=" + UPDATES,
                "item2vec.topics.sessions=crash-sessions",
                "item2vec.topics.listings=crash-listings",
                "item2vec.model.dim=" + PARAMS.dim(),
                "item2vec.model.negative=" + PARAMS.negative(),
                "item2vec.model.learning-rate=" + PARAMS.learningRate(),
                "item2vec.model.noise-exponent=" + PARAMS.noiseExponent(),
                "item2vec.model.max-items=" + PARAMS.maxItems(),
                "item2vec.model.noise-table-size=" + PARAMS.noiseTableSize(),
                "item2vec.model.seed=" + PARAMS.seed(),
                "item2vec.model.replays=" + PARAMS.replays(),
                "item2vec.model.memory=" + PARAMS.memory(), ""));
    }

    /** The trainer in a JVM of its own; it prints "started" once it runs. */
    private ChildJvm startTrainer(Path settings, String name) throws IOException {
        return ChildJvm.start(name, LiveTrainerProcessMain.class, List.of(settings.toString()),
                dir.resolve(name + ".log"));
    }
}
