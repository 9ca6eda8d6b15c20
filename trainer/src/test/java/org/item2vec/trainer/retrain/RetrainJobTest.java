package org.item2vec.trainer.retrain;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.events.sessions.Session;
import org.item2vec.service.config.Settings;
import org.item2vec.store.EmbeddingStoreReader;
import org.item2vec.store.ModelVersions;
import org.item2vec.testing.EndToEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full retrain over a real broker: what it publishes, and the gate that keeps a worse model out. */
@EndToEnd
class RetrainJobTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static EmbeddedKafka kafka;
    private static DemoSessions demo;

    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start(shared.resolve("kafka"), 0, 0);
        demo = new DemoSessions(3000, 5);
        DemoSessions.createTopics(kafka, "real", "early", "shuffled", "bad");
        List<Session> sessions = demo.sessions();
        long lastDay = sessions.get(sessions.size() - 1).endMs() - 86_400_000L;
        demo.publish(kafka.bootstrapServers(), "real", sessions);
        demo.publish(kafka.bootstrapServers(), "early", sessions.stream().filter(s -> s.endMs() <= lastDay).toList());
        demo.publish(kafka.bootstrapServers(), "shuffled", demo.shuffledBefore(lastDay, 9));
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private RetrainConfig config(String topic) {
        return RetrainConfig.from(Settings.empty()
                .with("item2vec.kafka.bootstrap-servers", kafka.bootstrapServers())
                .with("item2vec.trainer.versions-dir", dir.resolve("versions").toString())
                .with("item2vec.topics.sessions", topic)
                // One thread: the same sessions then train the same model, so that equal models compare equal.
                .with("item2vec.retrain.threads", "1")
                .with("item2vec.retrain.report-interval", "1s")
                .with("item2vec.model.dim", "16")
                .with("item2vec.model.noise-table-size", "65536"));
    }

    private RetrainJob.Outcome retrain(String topic, boolean force) throws InterruptedException {
        return new RetrainJob(config(topic), log::add).run(force);
    }

    @Test
    void publishesAVersionThatIsCurrentAndRecordsWhereItCameFrom() throws Exception {
        RetrainJob.Outcome outcome = retrain("real", false);

        ModelVersions versions = new ModelVersions(dir.resolve("versions"));
        assertEquals("v000001", outcome.published().orElseThrow().version());
        assertEquals(Optional.of("v000001"), versions.current());
        ModelVersions.Manifest manifest = ModelVersions.verify(versions.list().get(0));
        assertEquals(ModelVersions.RETRAIN, manifest.kind());
        assertEquals("passed", manifest.gate().get("decision"));
        assertTrue(manifest.gate().get("reason").toString().contains("no current version"), manifest.gate()::toString);
        assertEquals(demo.sessions().size(), ((Number) manifest.dataRange().get("sessions")).intValue());
        assertTrue(((Number) manifest.dataRange().get("heldOutSessions")).intValue() > 0);
        long endOffsets = manifest.offsets().entrySet().stream().filter(e -> e.getKey().startsWith("real:"))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(demo.sessions().size(), endOffsets, "the version stands on the end offsets it read up to");
        assertEquals(16, manifest.params().dim());
        assertEquals(RetrainConfig.CLICK_DEFAULTS.epochs(), manifest.training().get("epochs"));

        try (EmbeddingStoreReader store = EmbeddingStoreReader.openReadOnly(versions.list().get(0))) {
            String item = demo.sessions().get(0).items().get(0);
            assertTrue(store.item(item).isPresent(), "the version holds the items of the history");
            assertEquals(manifest.offsets(), store.offsets());
        }
        assertTrue(log.stream().anyMatch(line -> line.contains("epoch") && line.contains("words/s")
                && line.contains("ETA")), "training shows progress");
        assertTrue(log.stream().anyMatch(line -> line.contains("read") && line.contains("sessions messages")));
    }

    @Test
    void aModelTrainedOnShuffledItemsIsRefusedUnlessForced() throws Exception {
        // The current version learned from the sessions before the last day: the last day is new to both models.
        assertTrue(retrain("early", false).published().isPresent());
        ModelVersions versions = new ModelVersions(dir.resolve("versions"));

        RetrainJob.Outcome refused = retrain("shuffled", false);
        assertTrue(refused.published().isEmpty(), refused::reason);
        assertFalse(refused.passedGate());
        assertTrue(refused.reason().contains("worse than the current version"), refused.reason());
        assertEquals(1, versions.list().size(), "nothing is published");
        assertEquals(Optional.of("v000001"), versions.current());
        assertTrue(log.stream().anyMatch(line -> line.contains("candidate") && line.contains("HR@10")));
        assertTrue(log.stream().anyMatch(line -> line.contains("v000001") && line.contains("HR@10")),
                "both sets of figures are logged");

        RetrainJob.Outcome forced = retrain("shuffled", true);
        assertEquals("v000002", forced.published().orElseThrow().version());
        assertFalse(forced.passedGate());
        assertEquals(Optional.of("v000002"), versions.current());
        ModelVersions.Manifest manifest = ModelVersions.verify(versions.list().get(1));
        assertEquals("refused, published with --force", manifest.gate().get("decision"));
        double candidate = (double) ((Map<?, ?>) manifest.gate().get("candidate")).get("hitRate");
        double current = (double) ((Map<?, ?>) manifest.gate().get("current")).get("hitRate");
        assertTrue(candidate < current, candidate + " vs " + current);
        assertEquals("v000001", manifest.gate().get("currentVersion"));

        assertEquals("v000001", versions.rollback(Optional.empty()).version());
        assertEquals(Optional.of("v000001"), versions.current());
    }

    @Test
    void aModelAsGoodAsTheCurrentOnePassesTheGate() throws Exception {
        retrain("early", false);
        RetrainJob.Outcome next = retrain("real", false);
        assertTrue(next.passedGate(), next.reason());
        assertTrue(next.reason().contains("not worse than the current version"), next.reason());
        assertEquals("v000002", next.published().orElseThrow().version());
    }

    @Test
    void theGateJudgesOnlyOnHeldOutSessionsTheCurrentVersionHasNotSeen() throws Exception {
        retrain("real", false);
        RetrainJob.Outcome again = retrain("real", false);
        assertTrue(again.passedGate(), again.reason());
        assertTrue(again.reason().contains("no held-out sessions"), again.reason());
        assertTrue(log.stream().anyMatch(line -> line.contains("0 of the") && line.contains("new since v000001")),
                log::toString);
    }

    @Test
    void aHistoryRangeReadsOnlyTheMessagesWrittenWithinIt() throws Exception {
        long allWritten = System.currentTimeMillis();
        RetrainConfig recent = RetrainConfig.from(Settings.empty()
                .with("item2vec.kafka.bootstrap-servers", kafka.bootstrapServers())
                .with("item2vec.trainer.versions-dir", dir.resolve("versions").toString())
                .with("item2vec.topics.sessions", "real")
                .with("item2vec.retrain.history", "1d")
                .with("item2vec.model.dim", "16")
                .with("item2vec.model.noise-table-size", "65536"));
        ModelVersions.Manifest manifest = new RetrainJob(recent, log::add).run(false).published().orElseThrow();
        assertEquals("PT24H", manifest.dataRange().get("history"));
        assertEquals(demo.sessions().size(), ((Number) manifest.dataRange().get("sessions")).intValue(),
                "every message was written within the last day");

        RetrainConfig none = RetrainConfig.from(Settings.empty()
                .with("item2vec.kafka.bootstrap-servers", kafka.bootstrapServers())
                .with("item2vec.trainer.versions-dir", dir.resolve("versions").toString())
                .with("item2vec.topics.sessions", "real")
                .with("item2vec.retrain.history", "1ms"));
        // Every message is now more than 1 ms old, however fast the run above was.
        await("the clock passing the last message by more than 1 ms")
                .until(() -> System.currentTimeMillis() > allWritten + 1);
        RetrainException empty = assertThrows(RetrainException.class, () -> new RetrainJob(none, log::add).run(false));
        assertTrue(empty.getMessage().contains("holds 0 usable sessions"), empty.getMessage());
    }

    @Test
    void unusableMessagesAreSkippedCountedAndReported() throws Exception {
        List<Session> sessions = demo.sessions().subList(0, 2000);
        demo.publish(kafka.bootstrapServers(), "bad", sessions);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("bad", "u", "{not json"));
            producer.send(new ProducerRecord<>("bad", "u", "{\"items\": \"x\"}"));
        }
        ModelVersions.Manifest manifest = retrain("bad", false).published().orElseThrow();
        assertEquals(2, ((Number) manifest.dataRange().get("unusableMessages")).intValue());
        assertEquals(2000, ((Number) manifest.dataRange().get("sessions")).intValue());
        assertTrue(log.stream().anyMatch(line -> line.contains("skipped bad-") && line.contains("malformed JSON")),
                log::toString);
    }

    @Test
    void aMissingTopicOrAnUnreachableBrokerFailsWithTheReasonAndPublishesNothing() {
        RetrainException missing = assertThrows(RetrainException.class, () -> retrain("no-such-topic", false));
        assertTrue(missing.getMessage().contains("'no-such-topic' does not exist"), missing.getMessage());

        RetrainConfig unreachable = RetrainConfig.from(Settings.empty()
                .with("item2vec.kafka.bootstrap-servers", "localhost:1")
                .with("item2vec.trainer.versions-dir", dir.resolve("versions").toString())
                .with("item2vec.retrain.kafka-timeout", "2s"));
        RetrainException down = assertThrows(RetrainException.class,
                () -> new RetrainJob(unreachable, log::add).run(false));
        assertTrue(down.getMessage().contains("localhost:1"), down.getMessage());
        assertTrue(new ModelVersions(dir.resolve("versions")).list().isEmpty());
    }
}
