package org.item2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.events.messages.Listing;
import org.item2vec.experiment.assign.Assignment;
import org.item2vec.experiment.define.Experiment;
import org.item2vec.experiment.define.ExperimentJson;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.learn.online.OnlineParams;
import org.item2vec.service.config.Settings;
import org.item2vec.store.ModelVersions;
import org.item2vec.streaming.app.StreamingApp;
import org.item2vec.streaming.config.StreamingConfig;
import org.item2vec.testing.EndToEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments from end to end over a real broker: synthetic users ask the API for lists, click some of the
 * listed items with a probability set by the variant (or the team) that showed them, and publish those clicks
 * to the clicks topic; the streaming service's attribution job counts; the API's report must then find what
 * the simulation built in. Every random choice is seeded and assignment is a hash, so a run is reproducible.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EndToEnd
class ExperimentSimulationTest {
    private static final String EXPERIMENTS = """
            {"experiments": [
              {"id": "ctr", "variants": [{"name": "control"}, {"name": "treatment", "strategy": "any-market"}]},
              {"id": "skewed", "variants": [{"name": "control"}, {"name": "treatment"}]},
              {"id": "rankers-ab", "variants": [
                {"name": "popular", "strategy": "popularity"}, {"name": "embeddings"}]},
              {"id": "rankers-il", "mode": "interleaving", "variants": [
                {"name": "popular", "strategy": "popularity"}, {"name": "embeddings"}]}
            ]}""";
    private static final int ITEMS_PER_MARKET = 40;
    private static final List<String> MARKETS = List.of("paris", "rome");

    @TempDir
    static Path dir;

    private EmbeddedKafka kafka;
    private StreamingApp streaming;
    private ApplicationContext api;
    private ApiClient client;
    private KafkaProducer<String, String> clicks;
    private final List<String> streamingLog = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startEverything() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("item2vec.kafka.bootstrap-servers", kafka.bootstrapServers());
        settings.put("item2vec.streaming.state-dir", dir.resolve("streaming").toString());
        settings.put("item2vec.streaming.status-port", "-1");
        settings.put("item2vec.topics.partitions", "2");
        streaming = new StreamingApp(StreamingConfig.from(Settings.load(null, Map.of(), settings)), streamingLog::add);
        streaming.start();

        Path data = dir.resolve("data");
        publishModel(data.resolve("versions"));
        Files.createDirectories(data);
        Files.writeString(data.resolve("experiments.json"), EXPERIMENTS);
        api = ApplicationContext.run(Map.of("item2vec.api.data-dir", data.toString(), "micronaut.server.port", -1,
                "item2vec.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "item2vec.experiments.interleaving-seed", 7));
        api.getBean(EmbeddedServer.class).start();
        client = new ApiClient(api.getBean(EmbeddedServer.class).getPort());
        clicks = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    void stopEverything() {
        if (clicks != null) {
            clicks.close();
        }
        if (api != null) {
            api.close();
        }
        if (streaming != null) {
            streaming.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /**
     * 1,500 users see 2 lists each; a list gets a click with probability 10 % under the control and 15 % under
     * the treatment, so 19 % of control users and 27.75 % of treatment users click: z ≈ 4.
     */
    @Test
    void theABTestFindsTheBetterVariant() throws Exception {
        Random random = new Random(1);
        Simulation simulation = new Simulation("ctr");
        for (int u = 0; u < 1500; u++) {
            String user = "ctr-user-" + u;
            for (int list = 0; list < 2; list++) {
                JsonNode served = simulation.serve(user, randomItem(random));
                double p = served.get("variant").asText().equals("treatment") ? 0.15 : 0.10;
                if (random.nextDouble() < p) {
                    simulation.click(user, randomListed(served, random));
                }
            }
        }
        JsonNode report = simulation.awaitCounts();
        JsonNode treatment = variant(report, "treatment");
        JsonNode comparison = treatment.get("clickComparison");
        System.out.printf("A/B: control %s, treatment %s, lift %.3f [%.3f, %.3f], p %.2g, SRM p %.3f%n",
                rate(variant(report, "control")), rate(treatment), comparison.get("lift").asDouble(),
                comparison.get("liftLow").asDouble(), comparison.get("liftHigh").asDouble(),
                comparison.get("pValue").asDouble(), report.get("sampleRatio").get("pValue").asDouble());
        assertTrue(treatment.get("significant").asBoolean(), report.toString());
        assertTrue(comparison.get("pValue").asDouble() < 0.01, report.toString());
        assertTrue(comparison.get("liftLow").asDouble() > 0, report.toString());
        // The true lift, 27.75 / 19 − 1 = 0.46, lies in the interval.
        assertTrue(comparison.get("liftLow").asDouble() < 0.46 && 0.46 < comparison.get("liftHigh").asDouble(),
                report.toString());
        assertFalse(report.get("sampleRatio").get("mismatch").asBoolean(), report.toString());
        assertEquals(1500, variant(report, "control").get("users").asLong()
                + treatment.get("users").asLong());
    }

    /**
     * A client that loses 30 % of the treatment's users before they are served (a slow page, a crash on the new
     * layout): the users per variant no longer match the 50/50 weights, and the report must say so.
     */
    @Test
    void anAssignmentSkewRaisesTheSampleRatioFlag() throws Exception {
        Experiment skewed = ExperimentJson.parseAll(EXPERIMENTS.getBytes(StandardCharsets.UTF_8)).get(1);
        Random random = new Random(2);
        Simulation simulation = new Simulation("skewed");
        for (int u = 0; u < 1500; u++) {
            String user = "skewed-user-" + u;
            boolean lost = Assignment.variant(skewed, user).name().equals("treatment") && random.nextDouble() < 0.3;
            if (!lost) {
                simulation.serve(user, randomItem(random));
            }
        }
        JsonNode report = simulation.awaitCounts();
        JsonNode sampleRatio = report.get("sampleRatio");
        System.out.printf("SRM: users %d vs %d, chi-square %.1f, p %.2g%n",
                variant(report, "control").get("users").asLong(), variant(report, "treatment").get("users").asLong(),
                sampleRatio.get("chiSquare").asDouble(), sampleRatio.get("pValue").asDouble());
        assertTrue(sampleRatio.get("mismatch").asBoolean(), report.toString());
        assertTrue(report.get("notes").toString().contains("sample ratio mismatch"), report.toString());
    }

    /**
     * Two rankers, the embeddings' items 1.6 times as likely to be clicked as the popular ones, among users of
     * very different activity (30 % click 15 % of what they see, the rest 1 %). With 400 users each, the A/B
     * test drowns the difference in the users' own variance, while interleaving, where each user judges both
     * rankers in the same lists, finds it.
     */
    @Test
    void interleavingTellsTheRankersApartWithUsersTooFewForTheABTest() throws Exception {
        Simulation ab = new Simulation("rankers-ab");
        Simulation interleaved = new Simulation("rankers-il");
        Random random = new Random(3);
        for (int u = 0; u < 400; u++) {
            double activity = random.nextDouble() < 0.3 ? 0.15 : 0.01;
            for (int list = 0; list < 3; list++) {
                String item = randomItem(random);
                String abUser = "ab-user-" + u;
                JsonNode abList = ab.serve(abUser, item);
                double abBoost = abList.get("variant").asText().equals("embeddings") ? 1.6 : 1.0;
                for (JsonNode listed : abList.get("recommendations")) {
                    if (random.nextDouble() < activity * abBoost) {
                        ab.click(abUser, listed.get("item").asText());
                    }
                }
                String ilUser = "il-user-" + u;
                for (JsonNode listed : interleaved.serve(ilUser, item).get("recommendations")) {
                    double boost = listed.get("team").asText().equals("embeddings") ? 1.6 : 1.0;
                    if (random.nextDouble() < activity * boost) {
                        interleaved.click(ilUser, listed.get("item").asText());
                    }
                }
            }
        }
        JsonNode abReport = ab.awaitCounts();
        JsonNode ilReport = interleaved.awaitCounts();
        JsonNode abComparison = variant(abReport, "embeddings").get("clickComparison");
        JsonNode preference = ilReport.get("interleaving");
        System.out.printf("400 users each: A/B %s vs %s, p %.3f; interleaving %d vs %d users (%d ties), "
                        + "delta %.3f, p %.2g%n", rate(variant(abReport, "popular")),
                rate(variant(abReport, "embeddings")), abComparison.get("pValue").asDouble(),
                preference.get("winsFirst").asLong(), preference.get("winsSecond").asLong(),
                preference.get("ties").asLong(), preference.get("delta").asDouble(),
                preference.get("pValue").asDouble());
        assertEquals("embeddings", preference.get("preferred").asText(), ilReport.toString());
        assertTrue(preference.get("pValue").asDouble() < 0.01, ilReport.toString());
        assertFalse(variant(abReport, "embeddings").get("significant").asBoolean(), abReport.toString());
        assertTrue(abComparison.get("pValue").asDouble() > 10 * preference.get("pValue").asDouble(),
                abReport + "\n" + ilReport);
        assertTrue(ilReport.get("sampleRatio").isNull(), ilReport.toString());
    }

    /** One experiment's requests and clicks, and the totals the attribution job must reach. */
    private final class Simulation {
        private final String experiment;
        private long lists;
        private long clicksSent;

        Simulation(String experiment) {
            this.experiment = experiment;
        }

        JsonNode serve(String user, String item) throws IOException, InterruptedException {
            JsonNode served = client.get("/recommend?k=6&item=" + item + "&user=" + user + "&experiment="
                    + experiment, 200);
            lists++;
            return served;
        }

        void click(String user, String item) {
            String event = "{\"user\": \"" + user + "\", \"item\": \"" + item + "\", \"ts\": "
                    + System.currentTimeMillis() + "}";
            clicks.send(new ProducerRecord<>("clicks", user, event));
            clicksSent++;
        }

        /** The report, once every list served and every click sent has been counted. */
        JsonNode awaitCounts() throws Exception {
            clicks.flush();
            try {
                return client.await("/experiments/" + experiment + "/report", 200, this::countsEverything,
                        Duration.ofSeconds(120));
            } catch (AssertionError e) {
                throw new AssertionError("the counts of " + experiment + " did not reach " + lists + " lists and "
                        + clicksSent + " clicks: " + e.getMessage() + "\nstreaming log: " + streamingLog, e);
            }
        }

        private boolean countsEverything(JsonNode report) {
            long exposures = 0;
            long counted = 0;
            for (JsonNode variant : report.get("variants")) {
                exposures = report.get("mode").asText().equals("ab") ? exposures + variant.get("exposures").asLong()
                        : Math.max(exposures, variant.get("exposures").asLong());
                counted += variant.get("clicks").asLong();
            }
            return exposures == lists && counted == clicksSent;
        }
    }

    private static JsonNode variant(JsonNode report, String name) {
        for (JsonNode variant : report.get("variants")) {
            if (variant.get("name").asText().equals(name)) {
                return variant;
            }
        }
        throw new AssertionError("no variant " + name + " in " + report);
    }

    private static String rate(JsonNode variant) {
        return String.format("%d/%d", variant.get("clickingUsers").asLong(), variant.get("users").asLong());
    }

    private static String randomItem(Random random) {
        return MARKETS.get(random.nextInt(MARKETS.size())) + "-" + random.nextInt(ITEMS_PER_MARKET);
    }

    private static String randomListed(JsonNode served, Random random) {
        JsonNode items = served.get("recommendations");
        return items.get(random.nextInt(items.size())).get("item").asText();
    }

    /** Items of two markets with random vectors and falling counts, so every strategy has lists to make. */
    private static void publishModel(Path versions) {
        OnlineParams params = new OnlineParams(8, 2, 0.05f, 0.75, 1000, 1 << 10, 1);
        OnlineModel model = new OnlineModel(params);
        List<Listing> listings = new ArrayList<>();
        Random random = new Random(42);
        int row = 0;
        for (int i = 0; i < ITEMS_PER_MARKET; i++) {
            for (String market : MARKETS) {
                String item = market + "-" + i;
                float[] vectors = new float[2 * params.dim()];
                for (int d = 0; d < vectors.length; d++) {
                    vectors[d] = (float) random.nextGaussian();
                }
                float[] squares = new float[2 * params.dim()];
                Arrays.fill(squares, 0.1f);
                model.restoreRow(item, row++, 1000 - 10L * i, vectors, squares);
                listings.add(new Listing(item, market, "flat", 100.0, null, null));
            }
        }
        model.finishRestore(0);
        new ModelVersions(versions).publish(model, Map.of(), listings, 0, Map.of("source", "simulation"));
    }
}
