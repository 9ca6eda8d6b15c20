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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.testing.ChildJvm;
import org.item2vec.trainer.demo.DemoMarketplace;
import org.item2vec.trainer.messages.StreamMessages;
import org.item2vec.trainer.online.IncrementalTraining;
import org.item2vec.trainer.online.ListingCatalog;
import org.item2vec.trainer.online.OnlineModel;
import org.item2vec.trainer.online.OnlineParams;
import org.item2vec.trainer.sessions.ClickEvent;
import org.item2vec.trainer.sessions.Session;
import org.item2vec.trainer.sessions.SessionRules;
import org.item2vec.trainer.sessions.Sessionizer;
import org.item2vec.trainer.store.EmbeddingStore;
import org.item2vec.trainer.vectors.Embeddings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer in a JVM of its own, over a real broker and real RocksDB, killed with SIGKILL mid-stream and
 * restarted: every update must be applied exactly once, so the store ends up identical to a model that
 * learned the same messages without interruption.
 */
class LiveTrainerCrashTest {
    private static final String UPDATES = "crash-updates";
    private static final OnlineParams PARAMS = new OnlineParams(16, 5, 0.05f, 0.75, 100_000, 1 << 16, 11);

    @TempDir
    Path dir;

    @Test
    void aKilledTrainerResumesFromItsStoreAndAppliesEveryUpdateExactlyOnce() throws Exception {
        List<String> updates = updates();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0)) {
            createTopics(kafka);
            Path settings = writeSettings(kafka);
            Path model = dir.resolve("model");
            AtomicReference<Exception> producerFailure = new AtomicReference<>();
            Thread producer = new Thread(() -> produce(kafka, updates, producerFailure), "producer");

            try (ChildJvm first = startTrainer(settings, "first")) {
                first.awaitOutput("started", Duration.ofSeconds(60));
                producer.start();
                StoreProgress.awaitApplied(model, dir, updates.size() / 3, Duration.ofSeconds(60));
                first.kill(); // SIGKILL: no final flush
            }
            long appliedAtKill = StoreProgress.read(model, dir).appliedMessages();
            assertTrue(appliedAtKill < updates.size(), "the kill should come mid-stream, applied " + appliedAtKill);

            try (ChildJvm second = startTrainer(settings, "second")) {
                second.awaitOutput("started", Duration.ofSeconds(60));
                producer.join();
                assertEquals(null, producerFailure.get());
                StoreProgress.awaitApplied(model, dir, updates.size(), Duration.ofSeconds(120));
                second.process().destroy(); // SIGTERM: clean stop with a final flush
                int exit = second.awaitExit(Duration.ofSeconds(60));
                assertTrue(exit == 0 || exit == 143, "a terminated trainer exits cleanly, got " + exit);
            }

            IncrementalTraining reference = new IncrementalTraining(new OnlineModel(PARAMS), new ListingCatalog());
            for (int offset = 0; offset < updates.size(); offset++) {
                StreamMessages.Update update = StreamMessages.update(updates.get(offset).getBytes());
                reference.applyUpdate(update.item(), update.context(),
                        IncrementalTraining.seedFor(PARAMS.seed(), UPDATES, 0, offset));
            }
            try (EmbeddingStore store = EmbeddingStore.openReadOnly(model)) {
                assertEquals(Map.of(UPDATES + ":0", (long) updates.size()), store.offsets());
                assertEquals(updates.size(), store.progress().appliedMessages());
                assertEquals(reference.model().appliedPairs(), store.progress().appliedPairs());
                Embeddings stored = store.loadModel().toEmbeddings();
                Embeddings expected = reference.model().toEmbeddings();
                assertEquals(expected.size(), stored.size());
                for (int i = 0; i < expected.size(); i++) {
                    String item = expected.vocabulary().token(i);
                    int j = stored.vocabulary().indexOf(item);
                    assertEquals(expected.vocabulary().count(i), stored.vocabulary().count(j), item);
                    assertArrayEquals(row(expected, expected.input(), i), row(stored, stored.input(), j), item);
                    assertArrayEquals(row(expected, expected.output(), i), row(stored, stored.output(), j), item);
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

    private static void createTopics(EmbeddedKafka kafka) throws Exception {
        kafka.createTopics(new NewTopic(UPDATES, 1, (short) 1), new NewTopic("crash-sessions", 1, (short) 1),
                new NewTopic("crash-listings", 1, (short) 1));
    }

    private static void produce(EmbeddedKafka kafka, List<String> updates, AtomicReference<Exception> failure) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < updates.size(); i++) {
                producer.send(new ProducerRecord<>(UPDATES, 0, null, updates.get(i)));
                if (i % 500 == 499) {
                    producer.flush();
                    Thread.sleep(40); // a steady stream, so that the kill lands in the middle of it
                }
            }
            producer.flush();
        } catch (Exception e) {
            failure.set(e);
        }
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
