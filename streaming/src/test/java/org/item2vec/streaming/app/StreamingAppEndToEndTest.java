package org.item2vec.streaming.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.events.sessions.ClickEvent;
import org.item2vec.events.sessions.EventType;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.experiment.events.ExperimentMessages;
import org.item2vec.experiment.events.Impression;
import org.item2vec.experiment.events.VariantCounts;
import org.item2vec.service.config.Settings;
import org.item2vec.streaming.ClickPublisher;
import org.item2vec.streaming.KafkaTestBroker;
import org.item2vec.streaming.SyntheticClicks;
import org.item2vec.streaming.config.StreamingConfig;
import org.item2vec.streaming.topology.DeadLetterWriter;
import org.item2vec.testing.ChildJvm;
import org.item2vec.testing.EndToEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The streaming application over a real Kafka broker: thousands of clicks of many users in, every expected
 * session out exactly once, even though the application is restarted or killed, or the broker restarted,
 * while clicks are flowing; and impressions and clicks in, the expected experiment counts out.
 */
@EndToEnd
class StreamingAppEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR_MS = 3_600_000;
    private static final long DAY_MS = 24 * HOUR_MS;
    /**
     * The clicks begin half a day ago, like live traffic. The broker deletes records once their timestamps,
     * here the click times, are older by its clock than the topic's retention: 7 days for session updates, 90
     * for sessions. Twelve hours keep every click within both and behind the processing clock.
     */
    private static final long T0 = System.currentTimeMillis() - 12 * HOUR_MS;
    private static final int PARTITIONS = 3;

    @TempDir
    Path stateDir;

    private final List<String> log = new CopyOnWriteArrayList<>();

    private StreamingConfig config(String prefix, Map<String, String> extra) {
        return config(KafkaTestBroker.bootstrapServers(), prefix, extra);
    }

    private StreamingConfig config(String bootstrapServers, String prefix, Map<String, String> extra) {
        return StreamingConfig.from(Settings.load(null, Map.of(), settings(bootstrapServers, prefix, extra)));
    }

    /** The settings of one test's application: its own topics, state and consumer group. */
    private Map<String, String> settings(String bootstrapServers, String prefix, Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("item2vec.kafka.bootstrap-servers", bootstrapServers);
        settings.put("item2vec.streaming.application-id", prefix + "app");
        settings.put("item2vec.streaming.state-dir", stateDir.resolve(prefix).toString());
        settings.put("item2vec.streaming.status-port", "0");
        settings.put("item2vec.streaming.report-interval", "1s");
        settings.put("item2vec.topics.partitions", Integer.toString(PARTITIONS));
        settings.put("item2vec.topics.clicks", prefix + "clicks");
        settings.put("item2vec.topics.listings", prefix + "listings");
        settings.put("item2vec.topics.dead-letters", prefix + "dlq");
        settings.put("item2vec.topics.sessions", prefix + "sessions");
        settings.put("item2vec.topics.session-updates", prefix + "updates");
        settings.put("item2vec.topics.item-counts", prefix + "counts");
        settings.put("item2vec.topics.impressions", prefix + "impressions");
        settings.put("item2vec.topics.impression-dead-letters", prefix + "impressions-dlq");
        settings.put("item2vec.topics.experiment-stats", prefix + "experiment-stats");
        settings.put("item2vec.attribution.application-id", prefix + "attribution");
        // Sessions close once their clicks stopped arriving for this long: long enough for a restart in between,
        // short enough for the test to see the last ones.
        settings.put("item2vec.sessions.close-after", "20s");
        settings.putAll(extra);
        return settings;
    }

    private static String uniquePrefix() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    @Test
    void everySessionArrivesExactlyOnceAcrossARestartMidStream() throws Exception {
        StreamingConfig config = config(uniquePrefix(), Map.of());
        SyntheticClicks clicks = new SyntheticClicks(300, 12, T0, 11);
        List<ClickEvent> events = clicks.arrivalOrder();
        int badRecords = 0;

        StreamingApp first = new StreamingApp(config, log::add);
        first.start();
        assertEquals(200, httpStatus(first.statusPort(), "/metrics"));
        try (KafkaProducer<String, String> producer = producer()) {
            int half = events.size() / 2;
            for (int i = 0; i < half; i++) {
                publish(producer, config, events.get(i));
                if (i % 500 == 0) {
                    producer.send(new ProducerRecord<>(config.topics().clicks(), "broken", "{not json"));
                    badRecords++;
                }
            }
            producer.flush();
            // Stop mid-stream: once the first instance has committed work on the first half, while the second
            // half is unpublished and the sessions it continues are open in the state stores.
            int committed = countRecords(config.topics().sessionUpdates(), 1, Duration.ofSeconds(60));
            assertTrue(committed > 0 && committed < events.size(),
                    "the stop should come mid-stream, after " + committed + " of " + events.size() + " updates");
            first.close();
            awaitStateDirectoriesReleased(config);

            StreamingApp second = new StreamingApp(config, log::add);
            second.start();
            try {
                for (int i = half; i < events.size(); i++) {
                    publish(producer, config, events.get(i));
                }
                producer.flush();

                assertEverySessionExactlyOnce(config, clicks);
                assertEquals(badRecords, countRecords(config.topics().deadLetters(), badRecords, Duration.ofSeconds(30)),
                        "every malformed record reaches the dead-letter topic exactly once");
                assertEquals(200, httpStatus(second.statusPort(), "/health"));
            } finally {
                second.close();
            }
        }
        assertTrue(log.stream().anyMatch(line -> line.startsWith("streaming: stopped after")), log.toString());
        assertTrue(log.stream().anyMatch(line -> line.matches(
                "streaming: [0-9.]+ events/s, [0-9.]+ sessions/s, \\d+ dead letters \\(\\d+ in total\\), state .*")),
                log.toString());
    }

    @Test
    void aKilledProcessLosesNoSessionAndWritesNoneTwice() throws Exception {
        // A short session timeout lets the group notice the killed member in seconds rather than 45 s.
        String prefix = uniquePrefix();
        Map<String, String> settings = settings(KafkaTestBroker.bootstrapServers(), prefix, Map.of(
                "item2vec.streams.session.timeout.ms", "6000",
                "item2vec.streams.heartbeat.interval.ms", "1000",
                "item2vec.streaming.status-port", "-1"));
        StreamingConfig config = StreamingConfig.from(Settings.load(null, Map.of(), settings));
        Path settingsFile = writeSettings(settings, stateDir.resolve(prefix + "app.properties"));
        SyntheticClicks clicks = new SyntheticClicks(300, 12, T0, 23);
        List<ClickEvent> events = clicks.arrivalOrder();

        try (KafkaProducer<String, String> producer = producer()) {
            int twoThirds = events.size() * 2 / 3;
            try (ChildJvm first = startProcess(settingsFile, "first")) {
                first.awaitOutput("started", Duration.ofSeconds(60));
                for (int i = 0; i < twoThirds; i++) {
                    publish(producer, config, events.get(i));
                }
                producer.flush();
                assertTrue(countRecords(config.topics().sessionUpdates(), 1, Duration.ofSeconds(60)) > 0,
                        "the first process should have committed work before it is killed");
                first.kill(); // SIGKILL: no commit, no clean shutdown
            }

            try (ChildJvm second = startProcess(settingsFile, "second")) {
                second.awaitOutput("started", Duration.ofSeconds(60));
                for (int i = twoThirds; i < events.size(); i++) {
                    publish(producer, config, events.get(i));
                }
                producer.flush();
                assertEverySessionExactlyOnce(config, clicks);
                second.process().destroy(); // SIGTERM: a clean stop
                second.awaitExit(Duration.ofSeconds(60));
                // Restoring the state a killed process left is normal recovery, not an error to alert on.
                List<String> errors = second.output().lines().filter(line -> line.contains(" ERROR ")).toList();
                assertEquals(List.of(), errors, "the restarted process logs no ERROR");
            }
        }
    }

    @Test
    void aBrokerRestartLosesNoSessionAndWritesNoneTwice() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(stateDir.resolve("own-broker"), 0, 0)) {
            StreamingConfig config = config(kafka.bootstrapServers(), uniquePrefix(), Map.of());
            SyntheticClicks clicks = new SyntheticClicks(300, 12, T0, 31);
            List<ClickEvent> events = clicks.arrivalOrder();
            try (StreamingApp app = new StreamingApp(config, log::add)) {
                app.start();
                int half = events.size() / 2;
                try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                    for (int i = 0; i < half; i++) {
                        publish(producer, config, events.get(i));
                    }
                    producer.flush();
                }
                assertTrue(countRecords(kafka.bootstrapServers(), config.topics().sessionUpdates(), 1,
                        Duration.ofSeconds(60)) > 0, "processing should be under way before the broker restarts");
                kafka.restart();
                // The test's producer after the restart runs without idempotence: an idempotent one was seen,
                // once in several runs, retrying OUT_OF_ORDER_SEQUENCE_NUMBER without end against the restarted
                // broker (cause not established). The application's own transactional producers recover.
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                        new StringSerializer(), new StringSerializer())) {
                    for (int i = half; i < events.size(); i++) {
                        publish(producer, config, events.get(i));
                    }
                        producer.flush();
                }
                assertEverySessionExactlyOnce(kafka.bootstrapServers(), config, clicks);
                assertTrue(app.state().isRunningOrRebalancing(), "the application rides out the restart");
            }
        }
    }

    @Test
    void experimentCountsComeFromImpressionsAndClicksPartitionedDifferently() throws Exception {
        StreamingConfig config = config(uniquePrefix(), Map.of());
        long served = System.currentTimeMillis() - HOUR_MS;
        List<Impression> impressions = new ArrayList<>();
        List<ClickEvent> clicks = new ArrayList<>();
        // A/B: even users in control, odd ones in treatment; every third clicks its first item a minute later,
        // every fifth books its second item two minutes later.
        for (int i = 0; i < 20; i++) {
            String user = "ab-" + i;
            long ts = served + i * 1000L;
            impressions.add(new Impression("req-" + user, user, "ab", i % 2 == 0 ? "control" : "treatment", "seed",
                    "v1", List.of("item-" + i, "item-" + (i + 1)), List.of(), ts));
            if (i % 3 == 0) {
                clicks.add(new ClickEvent(user, "item-" + i, ts + 60_000, EventType.CLICK));
            }
            if (i % 5 == 0) {
                clicks.add(new ClickEvent(user, "item-" + (i + 1), ts + 120_000, EventType.BOOK));
            }
        }
        // Interleaving of A (items a, c) and B (b, d): il-0 favours A, il-1 B, il-2 neither, il-3 does not click.
        for (int i = 0; i < 4; i++) {
            impressions.add(new Impression("req-il-" + i, "il-" + i, "il", Impression.INTERLEAVED, "seed", "v1",
                    List.of("a", "b", "c", "d"), List.of("A", "B", "A", "B"), served));
        }
        clicks.add(new ClickEvent("il-0", "a", served + 60_000, EventType.CLICK));
        clicks.add(new ClickEvent("il-1", "b", served + 60_000, EventType.CLICK));
        clicks.add(new ClickEvent("il-1", "d", served + 70_000, EventType.CLICK));
        clicks.add(new ClickEvent("il-2", "a", served + 60_000, EventType.CLICK));
        clicks.add(new ClickEvent("il-2", "b", served + 70_000, EventType.CLICK));

        Map<String, ExperimentCounts> expected = Map.of(
                "ab", new ExperimentCounts("ab", Map.of(
                        "control", new VariantCounts(10, 10, 4, 2, 4, 4, 2, 0, 0),
                        "treatment", new VariantCounts(10, 10, 3, 2, 3, 3, 2, 0, 0)), 0, 0),
                "il", new ExperimentCounts("il", Map.of(
                        "A", new VariantCounts(4, 4, 2, 0, 2, 2, 0, 1, 1),
                        "B", new VariantCounts(4, 4, 3, 0, 2, 2, 0, 1, 1)), 1, 1));

        try (StreamingApp app = new StreamingApp(config, log::add)) {
            app.start();
            try (KafkaProducer<String, String> producer = producer()) {
                // The clicks go first, and to other partitions than the Java client picks for their users, as
                // another producer's partitioner might: the job has to bring each user's events together, and to
                // credit clicks whose impressions it reads after them.
                for (ClickEvent click : clicks) {
                    int partition = (defaultPartition(click.user()) + 1) % PARTITIONS;
                    producer.send(new ProducerRecord<>(config.topics().clicks(), partition, click.timestampMs(),
                            click.user(), SyntheticClicks.json(click)));
                }
                producer.flush();
                for (Impression impression : impressions) {
                    String json = new String(ExperimentMessages.toJson(impression), StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(config.topics().impressions(), null, impression.timestampMs(),
                            impression.user(), json));
                }
                producer.send(new ProducerRecord<>(config.topics().impressions(), "ab-0", "{\"user\": \"ab-0\"}"));
                producer.flush();
            }

            assertEquals(expected, latestExperimentStats(config, expected, Duration.ofSeconds(120)));
            assertEquals(1, countRecords(config.topics().impressionDeadLetters(), 1, Duration.ofSeconds(30)),
                    "the unreadable impression reaches its dead-letter topic");
            assertEquals(200, httpStatus(app.statusPort(), "/health"));
            assertTrue(httpBody(app.statusPort(), "/metrics").contains("item2vec_streaming_attribution_running 1"));
        }
        assertTrue(log.stream().anyMatch(line -> line.contains(", 24 impressions, ")), log.toString());
    }

    @Test
    void theAttributionTopologyCanBeTurnedOff() throws Exception {
        StreamingConfig config = config(uniquePrefix(), Map.of("item2vec.attribution.enabled", "false"));
        try (StreamingApp app = new StreamingApp(config, log::add)) {
            app.start();
            String metrics = httpBody(app.statusPort(), "/metrics");
            assertTrue(metrics.contains("item2vec_streaming_running "), metrics);
            assertFalse(metrics.contains("attribution_running"), metrics);
            assertEquals(200, httpStatus(app.statusPort(), "/health"));
        }
        // Running, the application would say it reads "<clicks> and <impressions>".
        assertTrue(log.stream().anyMatch(line -> line.startsWith(
                "streaming: reading " + config.topics().clicks() + " from ")), log.toString());
    }

    @ParameterizedTest
    @EnumSource(ClickPublisher.class)
    void aReplayOfDaysPublishedAtFullSpeedPutsEveryClickInItsSession(ClickPublisher publisher) throws Exception {
        StreamingConfig config = config(uniquePrefix(), Map.of("item2vec.attribution.enabled", "false"));
        // Thousands of users over three days that ended a day ago, in time order, as a public click log.
        SyntheticClicks clicks = new SyntheticClicks(2000, 12, System.currentTimeMillis() - 4 * DAY_MS, 3 * DAY_MS, 41);
        try (StreamingApp app = new StreamingApp(config, log::add)) {
            app.start();
            publisher.publish(KafkaTestBroker.bootstrapServers(), config.topics().clicks(), PARTITIONS,
                    clicks.arrivalOrder());

            assertEverySessionExactlyOnce(config, clicks);
            assertEquals(0, countRecords(config.topics().deadLetters(), 0, Duration.ofSeconds(2)),
                    "no click of the log is a dead letter, late or otherwise");
            String metrics = httpBody(app.statusPort(), "/metrics");
            assertTrue(metrics.contains("item2vec_streaming_clicks_total " + clicks.arrivalOrder().size() + "\n"),
                    metrics);
        }
    }

    /**
     * A broker stricter than Kafka's defaults (records at most 10 minutes ahead, 256 KiB), and the application told
     * to trust clicks an hour ahead: it must lower that to what the broker takes. Amid steady live traffic come a
     * click two hours ahead, one 50 minutes ahead, one of two days ago by a user whose session was written, and
     * one of 2 MB (the clicks topic takes it): each is a dead letter with its reason, both applications keep
     * running, and every live click is taken, none late.
     */
    @Test
    void badClicksAmidLiveTrafficAreDeadLettersWithTheirReasonAndNoLiveClickIsLate() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(stateDir.resolve("strict-broker"), 0, 0)) {
            tightenBrokerLimits(kafka, Map.of("log.message.timestamp.after.max.ms", "600000",
                    "message.max.bytes", Integer.toString(256 * 1024)));
            String prefix = uniquePrefix();
            kafka.createTopics(new NewTopic(prefix + "clicks", PARTITIONS, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024))));
            StreamingConfig config = config(kafka.bootstrapServers(), prefix, Map.of(
                    "item2vec.clicks.max-future-skew", "1h", "item2vec.sessions.close-after", "15s"));
            String clicksTopic = config.topics().clicks();
            try (StreamingApp app = new StreamingApp(config, log::add);
                 KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                         ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024),
                         new StringSerializer(), new StringSerializer())) {
                app.start();
                assertTrue(log.stream().anyMatch(line -> line.contains("max-future-skew PT1H lowered to PT5M")),
                        log.toString());
                // A returning user whose session is written before their two-day-old click arrives.
                long now = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(clicksTopic, "back", click("back", "A", now)));
                producer.send(new ProducerRecord<>(clicksTopic, "back", click("back", "B", now + 1)));
                long liveClicks;
                try (LiveTraffic traffic = new LiveTraffic(producer, clicksTopic, 20)) {
                    traffic.awaitClicks(500, Duration.ofSeconds(60));
                    producer.send(new ProducerRecord<>(clicksTopic, "live-1",
                            click("live-1", "future", System.currentTimeMillis() + 2 * HOUR_MS)));
                    traffic.awaitClicks(traffic.sent() + 200, Duration.ofSeconds(60));
                    producer.send(new ProducerRecord<>(clicksTopic, "live-2",
                            click("live-2", "soon", System.currentTimeMillis() + 50 * 60_000)));
                    traffic.awaitClicks(traffic.sent() + 200, Duration.ofSeconds(60));
                    producer.send(new ProducerRecord<>(clicksTopic, "live-3", "{\"user\":\"live-3\",\"item\":\"big\","
                            + "\"ts\":" + System.currentTimeMillis() + ",\"pad\":\"" + "x".repeat(2_000_000) + "\"}"));
                    assertEquals(1, countRecords(kafka.bootstrapServers(), config.topics().sessions(), 1,
                            Duration.ofSeconds(90)), "the returning user's session is written");
                    producer.send(new ProducerRecord<>(clicksTopic, "back",
                            click("back", "C", System.currentTimeMillis() - 2 * DAY_MS)));
                    traffic.awaitClicks(traffic.sent() + 200, Duration.ofSeconds(60));
                    traffic.close();
                    liveClicks = traffic.sent();
                }

                Map<String, ConsumerRecord<String, byte[]>> dead = deadLettersByReason(kafka.bootstrapServers(),
                        config.topics().deadLetters(), 4, Duration.ofSeconds(60));
                assertEquals(Set.of("future_timestamp", "oversized", "late"), dead.keySet());
                assertEquals(4, countRecords(kafka.bootstrapServers(), config.topics().deadLetters(), 4,
                        Duration.ofSeconds(10)), "two clicks from the future, one oversized, one late: no other");
                ConsumerRecord<String, byte[]> oversized = dead.get("oversized");
                assertEquals(DeadLetterWriter.MAX_BYTES, oversized.value().length);
                assertTrue(Integer.parseInt(header(oversized, DeadLetterWriter.ORIGINAL_BYTES_HEADER)) > 2_000_000);
                assertEquals(KafkaStreams.State.RUNNING, app.state());
                assertEquals(200, httpStatus(app.statusPort(), "/health"));
                String taken = "item2vec_streaming_clicks_total " + (liveClicks + 2) + "\n";
                String metrics = awaitMetrics(app.statusPort(), taken, Duration.ofSeconds(60));
                assertTrue(metrics.contains(taken), "every live click and the returning user's two are taken: " + metrics);
                assertTrue(metrics.contains("item2vec_streaming_dead_letters_total{reason=\"late\"} 1\n"), metrics);
                assertTrue(metrics.contains("item2vec_streaming_dead_letters_total{reason=\"future_timestamp\"} 2\n"),
                        metrics);
                assertTrue(metrics.contains("item2vec_streaming_attribution_running 1"), metrics);
            }
        }
    }

    /**
     * Output topics that take only small records: what the broker refuses becomes a dead letter with the reason,
     * in both applications, and both keep running for the records that fit.
     */
    @Test
    void recordsTheBrokerRefusesBecomeDeadLettersAndBothApplicationsKeepRunning() throws Exception {
        String prefix = uniquePrefix();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(prefix + "updates", PARTITIONS, (short) 1)
                            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "600")),
                    new NewTopic(prefix + "experiment-stats", PARTITIONS, (short) 1)
                            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "100")))).all().get();
        }
        StreamingConfig config = config(prefix, Map.of());
        long now = System.currentTimeMillis();
        try (StreamingApp app = new StreamingApp(config, log::add);
             KafkaProducer<String, String> producer = producer()) {
            app.start();
            // Long item ids make the second click's update larger than the topic takes; short ones fit.
            String wide = "w".repeat(250);
            producer.send(new ProducerRecord<>(config.topics().clicks(), "wide", click("wide", wide + 1, now)));
            producer.send(new ProducerRecord<>(config.topics().clicks(), "wide", click("wide", wide + 2, now + 1)));
            producer.send(new ProducerRecord<>(config.topics().clicks(), "narrow", click("narrow", "A", now)));
            producer.send(new ProducerRecord<>(config.topics().clicks(), "narrow", click("narrow", "B", now + 1)));
            // An experiment's totals are larger than the stats topic takes.
            Impression impression = new Impression("req-1", "narrow", "exp", "control", "seed", "v1",
                    List.of("A", "B"), List.of(), now - 1000);
            producer.send(new ProducerRecord<>(config.topics().impressions(), "narrow",
                    new String(ExperimentMessages.toJson(impression), StandardCharsets.UTF_8)));
            producer.flush();

            ConsumerRecord<String, byte[]> refusedClick = deadLettersByReason(KafkaTestBroker.bootstrapServers(),
                    config.topics().deadLetters(), 1, Duration.ofSeconds(60)).get("refused_by_broker");
            assertTrue(new String(refusedClick.value(), StandardCharsets.UTF_8).contains(wide + 2),
                    "the dead letter is the click the refused update came from");
            assertTrue(header(refusedClick, DeadLetterWriter.DETAIL_HEADER).contains(config.topics().sessionUpdates()));
            assertTrue(deadLettersByReason(KafkaTestBroker.bootstrapServers(), config.topics().impressionDeadLetters(),
                    1, Duration.ofSeconds(60)).containsKey("refused_by_broker"));
            assertEquals(1, countRecords(config.topics().sessionUpdates(), 1, Duration.ofSeconds(30)),
                    "the update that fits is written");
            assertEquals(KafkaStreams.State.RUNNING, app.state());
            assertTrue(httpBody(app.statusPort(), "/metrics").contains("item2vec_streaming_attribution_running 1"));
        }
    }

    /** The metrics page once it contains {@code expected}, or as it is when the time is up. */
    private static String awaitMetrics(int port, String expected, Duration timeout) throws Exception {
        try {
            return Awaitility.await("metrics containing " + expected).atMost(timeout)
                    .until(() -> httpBody(port, "/metrics"), metrics -> metrics.contains(expected));
        } catch (ConditionTimeoutException e) {
            return httpBody(port, "/metrics");
        }
    }

    private static String click(String user, String item, long ts) {
        return SyntheticClicks.json(new ClickEvent(user, item, ts, EventType.CLICK));
    }

    /** Lowers cluster-wide broker limits, as an operator's stricter settings would. */
    private static void tightenBrokerLimits(EmbeddedKafka kafka, Map<String, String> limits) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<AlterConfigOp> ops = limits.entrySet().stream()
                    .map(limit -> new AlterConfigOp(new ConfigEntry(limit.getKey(), limit.getValue()),
                            AlterConfigOp.OpType.SET))
                    .toList();
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.BROKER, ""), ops)).all().get();
        }
    }

    /** The dead letters on a topic by reason (the last of each), read until {@code expected} have come. */
    private static Map<String, ConsumerRecord<String, byte[]>> deadLettersByReason(String bootstrapServers,
                                                                                  String topic, int expected,
                                                                                  Duration timeout) {
        Map<String, ConsumerRecord<String, byte[]>> byReason = new HashMap<>();
        int read = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (read < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    byReason.put(header(record, DeadLetterWriter.REASON_HEADER), record);
                    read++;
                }
            }
        }
        return byReason;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The latest counts per experiment on the stats topic, read until they equal {@code expected} or the time is
     * up. Only committed records count: the job writes with exactly-once transactions.
     */
    private static Map<String, ExperimentCounts> latestExperimentStats(StreamingConfig config,
                                                                       Map<String, ExperimentCounts> expected,
                                                                       Duration timeout) throws Exception {
        Map<String, ExperimentCounts> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(KafkaTestBroker.bootstrapServers())) {
            consumer.subscribe(List.of(config.topics().experimentStats()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!latest.equals(expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.key(), ExperimentMessages.counts(record.value()));
                }
            }
        }
        return latest;
    }

    /** The same settings as a file, for an application started in a JVM of its own. */
    private static Path writeSettings(Map<String, String> settings, Path file) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, null);
        }
        return file;
    }

    /** The application in a JVM of its own; it prints "started" once it runs. */
    private ChildJvm startProcess(Path settingsFile, String name) throws IOException {
        return ChildJvm.start(name, StreamingProcessMain.class, List.of(settingsFile.toString()),
                stateDir.resolve(name + ".log"));
    }

    private static void assertEverySessionExactlyOnce(StreamingConfig config, SyntheticClicks clicks)
            throws Exception {
        assertEverySessionExactlyOnce(KafkaTestBroker.bootstrapServers(), config, clicks);
    }

    private static void assertEverySessionExactlyOnce(String bootstrapServers, StreamingConfig config,
                                                      SyntheticClicks clicks) throws Exception {
        List<String> expected = clicks.expectedSessions(config.rules());
        List<JsonNode> received = readSessions(bootstrapServers, config, expected.size(), Duration.ofSeconds(120));
        List<String> streamed = received.stream().map(StreamingAppEndToEndTest::describe).sorted().toList();

        Set<String> ids = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        received.forEach(s -> {
            if (!ids.add(s.get("sessionId").asText())) {
                duplicates.add(s.get("sessionId").asText());
            }
        });
        assertTrue(expected.size() > 500, "the scenario should make many sessions: " + expected.size());
        assertEquals(List.of(), duplicates, "sessions written twice");
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(streamed);
        assertEquals(List.of(), missing, "sessions lost");
        assertEquals(expected, streamed);
    }

    private static void publish(KafkaProducer<String, String> producer, StreamingConfig config, ClickEvent e) {
        producer.send(new ProducerRecord<>(config.topics().clicks(), e.user(), SyntheticClicks.json(e)));
    }

    /** The partition the Java client's default partitioner picks for a key. */
    private static int defaultPartition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static List<JsonNode> readSessions(String bootstrapServers, StreamingConfig config, int expected,
                                               Duration timeout) throws Exception {
        List<JsonNode> sessions = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            consumer.subscribe(List.of(config.topics().sessions()));
            long deadline = System.nanoTime() + timeout.toNanos();
            // Keep reading a little after reaching the count, so that duplicates would show up.
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    sessions.add(JSON.readTree(record.value()));
                }
                if (sessions.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return sessions;
    }

    /**
     * Waits until no instance holds the state directories' locks: on a busy machine close() can return while the
     * stream threads still commit and let go of them, and a new instance on the same directories then fails.
     */
    private static void awaitStateDirectoriesReleased(StreamingConfig config) {
        for (String application : List.of(config.applicationId(), config.attribution().applicationId())) {
            Path lockFile = config.stateDir().resolve(application).resolve(".lock");
            await("the state directory of " + application + " released").atMost(Duration.ofMinutes(2))
                    .until(() -> isUnlocked(lockFile));
        }
    }

    private static boolean isUnlocked(Path lockFile) throws IOException {
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return false;
        }
    }

    private static int countRecords(String topic, int expected, Duration timeout) {
        return countRecords(KafkaTestBroker.bootstrapServers(), topic, expected, timeout);
    }

    private static int countRecords(String bootstrapServers, String topic, int expected, Duration timeout) {
        int count = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                count += consumer.poll(Duration.ofMillis(200)).count();
                if (count >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        return count;
    }

    private static String describe(JsonNode session) {
        List<String> items = new ArrayList<>();
        session.get("items").forEach(item -> items.add(item.asText()));
        JsonNode booked = session.get("booked");
        return SyntheticClicks.describe(session.get("sessionId").asText(), items,
                booked.isNull() ? null : booked.asText());
    }

    private static KafkaProducer<String, String> producer() {
        return producer(KafkaTestBroker.bootstrapServers());
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Only what the exactly-once transactions committed: aborted attempts must not count.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static int httpStatus(int port, String path) throws Exception {
        return httpGet(port, path).statusCode();
    }

    private static String httpBody(int port, String path) throws Exception {
        return httpGet(port, path).body();
    }

    private static HttpResponse<String> httpGet(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
