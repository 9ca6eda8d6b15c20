package org.item2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.events.sessions.Session;
import org.item2vec.store.ModelVersions;
import org.item2vec.streaming.topology.SessionMessages;
import org.item2vec.testing.ChildJvm;
import org.item2vec.testing.EndToEnd;
import org.item2vec.testing.FreePort;
import org.item2vec.trainer.demo.DemoMarketplace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly retrain as it runs in production: a real broker, and the trainer, the API and {@code retrain}
 * each in its own process. A version is published and served, the live trainer rebases onto it and replays
 * what arrived after the retrain read its data, and a retrain killed midway changes nothing.
 */
@EndToEnd
class RetrainEndToEndTest {
    private static final Duration STARTUP = Duration.ofSeconds(90);
    /** How long the API may take to show a change: it refreshes its models every second. */
    private static final Duration REFRESH = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private EmbeddedKafka kafka;
    private final List<ChildJvm> children = new ArrayList<>();
    private DemoMarketplace demo;
    private Path settings;
    private ApiClient api;

    @BeforeEach
    void startSystem() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0);
        kafka.createTopics(new NewTopic("sessions", 2, (short) 1), new NewTopic("session-updates", 2, (short) 1),
                new NewTopic("listings", 1, (short) 1));
        demo = DemoMarketplace.generate(2000, 3);
        publishSessions(demo.sessions());
        settings = dir.resolve("item2vec.properties");
        Files.writeString(settings, String.join("\n",
                "item2vec.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "item2vec.trainer.data-dir=" + dir.resolve("data/model"),
                "item2vec.trainer.versions-dir=" + dir.resolve("data/versions"),
                "item2vec.trainer.snapshot-interval=0s",
                "item2vec.trainer.flush-interval=200ms",
                "item2vec.retrain.schedule=off",
                "item2vec.retrain.threads=2",
                "item2vec.model.dim=16",
                "item2vec.model.noise-table-size=65536", ""));
        int apiPort = FreePort.find();
        api = new ApiClient(apiPort);
        ChildJvm trainer = start("trainer", "trainer", "--config", settings.toString(), "--status-port", "-1");
        ChildJvm server = start("api", "api", "--data-dir", dir.resolve("data").toString(),
                "--port", Integer.toString(apiPort));
        trainer.awaitOutput("trainer: reading", STARTUP);
        server.awaitOutput("api: listening", STARTUP);
    }

    @AfterEach
    void stopSystem() throws InterruptedException {
        for (ChildJvm child : children) {
            child.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aRetrainIsPublishedServedAndTheLiveTrainerRebasesOntoIt() throws Exception {
        ChildJvm retrain = start("retrain", "retrain", "--config", settings.toString());
        retrain.awaitOutput("training the candidate", STARTUP);
        // Published after the retrain fixed its end offsets: only the replay after the rebase can bring it.
        publishUpdate("fresh-2", "fresh-1");
        assertEquals(0, retrain.awaitExit(STARTUP), retrain::output);
        assertTrue(retrain.output().contains("published v000001"), retrain.output());

        Path versions = dir.resolve("data/versions");
        assertEquals(java.util.Optional.of("v000001"), new ModelVersions(versions).current());
        String item = demo.sessions().get(0).items().get(0);
        JsonNode fromVersion = api.await("/recommend?item=" + item + "&model=v000001", 200, body -> true, REFRESH);
        assertEquals("v000001", fromVersion.get("modelVersion").asText());
        assertTrue(fromVersion.get("recommendations").size() > 0, fromVersion::toString);

        JsonNode models = api.await("/models", 200, body -> liveBase(body).equals("v000001"), REFRESH);
        assertEquals("v000001", models.get("currentVersion").asText());
        api.await("/items/fresh-1", 200, body -> true, REFRESH);
        JsonNode fresh = api.await("/similarity?a=fresh-1&b=fresh-2", 200, body -> true, REFRESH);
        assertEquals("live", fresh.get("modelVersion").asText());
    }

    @Test
    void aRetrainKilledMidwayLeavesThePublishedModelAndTheApiUnchanged() throws Exception {
        Item2VecTest.Run first = Item2VecTest.run("retrain", "--config", settings.toString());
        assertEquals(0, first.code(), first.err());
        JsonNode before = api.await("/models", 200, body -> liveBase(body).equals("v000001"), REFRESH);
        String item = demo.sessions().get(0).items().get(0);
        JsonNode answerBefore = api.await("/recommend?item=" + item + "&model=v000001", 200, body -> true, REFRESH);

        Files.writeString(settings, "item2vec.retrain.epochs=500\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        ChildJvm doomed = start("retrain-killed", "retrain", "--config", settings.toString(), "--force");
        doomed.awaitOutput("epoch", STARTUP);
        doomed.kill();

        ModelVersions versions = new ModelVersions(dir.resolve("data/versions"));
        assertEquals(List.of("v000001"), versions.list().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(java.util.Optional.of("v000001"), versions.current());
        ModelVersions.verify(versions.list().get(0));
        // Something the API can only show after reading the data directory again, later than the kill.
        publishUpdate("after-the-kill", item);
        api.await("/items/after-the-kill", 200, body -> true, REFRESH);
        JsonNode after = api.get("/models", 200);
        assertEquals(before.get("currentVersion"), after.get("currentVersion"));
        assertEquals(names(before), names(after));
        assertEquals(answerBefore.get("recommendations"),
                api.get("/recommend?item=" + item + "&model=v000001", 200).get("recommendations"));
    }

    private static String liveBase(JsonNode models) {
        for (JsonNode model : models.get("models")) {
            if (model.get("version").asText().equals("live")) {
                return model.path("base").asText("");
            }
        }
        return "";
    }

    private static List<String> names(JsonNode models) {
        List<String> names = new ArrayList<>();
        models.get("models").forEach(m -> names.add(m.get("version").asText()));
        return names;
    }

    private ChildJvm start(String name, String... args) throws IOException {
        ChildJvm child = ChildJvm.start(name, Item2Vec.class, List.of(args), dir.resolve(name + ".log"));
        children.add(child);
        return child;
    }

    private void publishSessions(List<Session> sessions) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (Session session : sessions) {
                String market = demo.listing(session.items().get(0)).market();
                producer.send(new ProducerRecord<>("sessions", session.user(),
                        SessionMessages.finished(session, market, 0)));
            }
        }
    }

    private void publishUpdate(String item, String previous) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("session-updates", "late-user",
                    "{\"sessionId\":\"late-user@1\",\"user\":\"late-user\",\"item\":\"" + item
                            + "\",\"context\":[\"" + previous + "\"],\"booked\":false}"));
        }
    }
}
