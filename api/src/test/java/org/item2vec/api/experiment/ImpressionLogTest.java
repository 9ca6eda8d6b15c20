package org.item2vec.api.experiment;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.item2vec.api.TestModels;
import org.item2vec.api.http.HttpTester;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.experiment.events.ExperimentMessages;
import org.item2vec.experiment.events.Impression;
import org.item2vec.experiment.events.VariantCounts;
import org.item2vec.testing.EndToEnd;
import org.item2vec.testing.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exposure logging and the counts feed against a real Kafka broker: every list served to a user under an
 * experiment arrives in the impressions topic as served; with Kafka unreachable requests still succeed and
 * the lost impressions are counted; and a report shows the counts the attribution job publishes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EndToEnd
class ImpressionLogTest {
    private static final String EXPERIMENTS = """
            {"experiments": [{"id": "layout", "variants": [
              {"name": "control"}, {"name": "wide", "strategy": "any-market"}]}]}""";

    @TempDir
    Path dir;

    private EmbeddedKafka kafka;

    @BeforeAll
    void startBroker() throws Exception {
        kafka = EmbeddedKafka.start(Files.createTempDirectory("impressions-kafka"), 0, 0);
        kafka.createTopics(new NewTopic("rec-impressions", 2, (short) 1), new NewTopic("experiment-stats", 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    @AfterAll
    void stopBroker() {
        kafka.close();
    }

    @Test
    void everyListServedToAUserArrivesAsServed() throws Exception {
        try (ApplicationContext api = startApi(kafka.bootstrapServers(), Map.of())) {
            HttpTester http = new HttpTester(api.getBean(EmbeddedServer.class).getURI());
            Map<String, JsonNode> served = new HashMap<>();
            long before = System.currentTimeMillis();
            for (int u = 0; u < 20; u++) {
                JsonNode body = http.get("/recommend?item=p1&k=3&user=user-" + u).json();
                served.put(body.get("requestId").asText(), body);
            }
            // Without a user, clicks could not be attributed: no impression.
            for (int i = 0; i < 3; i++) {
                assertEquals(200, http.get("/recommend?item=p1").status());
            }
            List<ConsumerRecord<String, byte[]>> records = readAll("rec-impressions", 20);
            assertEquals(20, records.size());
            for (ConsumerRecord<String, byte[]> record : records) {
                Impression impression = ExperimentMessages.impression(record.value());
                JsonNode body = served.remove(impression.requestId());
                assertTrue(body != null, "impression of an unknown request " + impression.requestId());
                assertEquals(body.get("user").asText(), record.key());
                assertEquals(body.get("user").asText(), impression.user());
                assertEquals("layout", impression.experiment());
                assertEquals(body.get("variant").asText(), impression.variant());
                assertEquals("p1", impression.item());
                assertEquals("v000001", impression.modelVersion());
                List<String> items = new ArrayList<>();
                body.get("recommendations").forEach(r -> items.add(r.get("item").asText()));
                assertEquals(items, impression.items());
                assertTrue(impression.timestampMs() >= before && impression.timestampMs() <= System.currentTimeMillis());
            }
            assertEquals(20.0, counter(api, "sent"));
        }
    }

    @Test
    void withKafkaAwayRequestsSucceedAndLostImpressionsAreCounted() throws Exception {
        int closedPort = FreePort.find();
        try (ApplicationContext api = startApi("127.0.0.1:" + closedPort,
                Map.of("item2vec.experiments.send-timeout", "200ms", "item2vec.experiments.impression-buffer", "4"))) {
            HttpTester http = new HttpTester(api.getBean(EmbeddedServer.class).getURI());
            for (int u = 0; u < 30; u++) {
                HttpTester.Reply reply = http.get("/recommend?item=p1&user=user-" + u);
                assertEquals(200, reply.status(), reply.body());
            }
            await("every impression failed or dropped").atMost(Duration.ofSeconds(60))
                    .until(() -> counter(api, "failed") + counter(api, "dropped") >= 30);
            assertEquals(30.0, counter(api, "failed") + counter(api, "dropped"),
                    "failed " + counter(api, "failed") + ", dropped " + counter(api, "dropped"));
            assertTrue(counter(api, "failed") > 0);
            assertEquals(0.0, counter(api, "sent"));
        }
    }

    @Test
    void aReportShowsTheCountsTheAttributionJobPublished() throws Exception {
        ExperimentCounts counts = new ExperimentCounts("layout", Map.of(
                "control", new VariantCounts(3000, 1000, 150, 25, 140, 100, 20, 0, 0),
                "wide", new VariantCounts(3100, 1000, 190, 26, 180, 130, 22, 0, 0)), 0, 0);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("experiment-stats", "layout", "not json".getBytes())).get();
            producer.send(new ProducerRecord<>("experiment-stats", "layout",
                    ExperimentMessages.toJson(ExperimentCounts.empty("layout")))).get();
            producer.send(new ProducerRecord<>("experiment-stats", "layout", ExperimentMessages.toJson(counts))).get();
        }
        try (ApplicationContext api = startApi(kafka.bootstrapServers(), Map.of())) {
            HttpTester http = new HttpTester(api.getBean(EmbeddedServer.class).getURI());
            JsonNode report = await("the published counts in the report").atMost(Duration.ofSeconds(60))
                    .until(() -> http.get("/experiments/layout/report").json(),
                            body -> body.get("variants").get(0).get("users").asLong() > 0);
            JsonNode wide = report.get("variants").get(1);
            assertEquals(1000, wide.get("users").asLong());
            assertEquals(130, wide.get("clickingUsers").asLong());
            assertEquals(0.3, wide.get("clickComparison").get("lift").asDouble(), 1e-12);
            assertEquals(0.035488450466474692, wide.get("clickComparison").get("pValue").asDouble(), 1e-12);
            assertTrue(wide.get("significant").asBoolean());
            assertTrue(report.get("countsAt").isTextual());
            assertEquals(1.0, api.getBean(MeterRegistry.class).counter("item2vec.experiment.counts.bad").count());
        }
    }

    private ApplicationContext startApi(String bootstrapServers, Map<String, Object> extra) throws IOException {
        Path data = Files.createTempDirectory(dir, "data");
        TestModels.marketplace().publish(data.resolve("versions"));
        Files.writeString(data.resolve("experiments.json"), EXPERIMENTS);
        Map<String, Object> properties = new HashMap<>(Map.of("item2vec.api.data-dir", data.toString(),
                "micronaut.server.port", -1, "item2vec.kafka.bootstrap-servers", bootstrapServers));
        properties.putAll(extra);
        ApplicationContext context = ApplicationContext.run(properties);
        context.getBean(EmbeddedServer.class).start();
        return context;
    }

    private static double counter(ApplicationContext api, String outcome) {
        return api.getBean(MeterRegistry.class).counter("item2vec.impressions", "outcome", outcome).count();
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "impression-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // A little longer, so that extra impressions (there should be none) would be seen too.
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }
}
