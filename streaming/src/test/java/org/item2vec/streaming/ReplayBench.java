package org.item2vec.streaming;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.service.config.Settings;
import org.item2vec.streaming.app.StreamingApp;
import org.item2vec.streaming.app.TopicSetup;
import org.item2vec.streaming.config.StreamingConfig;

/**
 * End-to-end throughput of the session topology on a replayed click log: the log is published first as a
 * backlog, then the application is started, and the clock runs until every click is accounted for (a valid click
 * or a dead letter). Prints clicks/s per run and the median, and how many clicks went to the dead letters as
 * late. The attribution job is off: this measures the sessions.
 *
 * <p>Run: {@code java -cp <streaming test classpath> org.item2vec.streaming.ReplayBench [users] [clicksPerUser]
 * [days] [UNKEYED|JAVA_KEYED|CRC32_KEYED] [repeat]}
 */
public final class ReplayBench {
    private static final long DAY_MS = 86_400_000;
    private static final int PARTITIONS = 3;

    private ReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        int clicksPerUser = args.length > 1 ? Integer.parseInt(args[1]) : 14;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ClickPublisher publisher = args.length > 3 ? ClickPublisher.valueOf(args[3]) : ClickPublisher.UNKEYED;
        int repeat = args.length > 4 ? Integer.parseInt(args[4]) : 3;

        long start = System.currentTimeMillis() - (days + 1) * DAY_MS;
        SyntheticClicks log = new SyntheticClicks(users, clicksPerUser, start, days * DAY_MS, 5);
        int total = log.arrivalOrder().size();
        Path dir = Files.createTempDirectory("replay-bench");
        List<Double> rates = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0)) {
            for (int run = 0; run < repeat; run++) {
                StreamingConfig config = config(kafka.bootstrapServers(), dir.resolve("state-" + run));
                TopicSetup.ensureTopics(config, Duration.ofSeconds(30));
                publisher.publish(kafka.bootstrapServers(), config.topics().clicks(), PARTITIONS, log.arrivalOrder());
                long began = System.nanoTime();
                try (StreamingApp app = new StreamingApp(config, line -> { })) {
                    app.start();
                    Map<String, Long> counts;
                    do {
                        Thread.sleep(100); // polling interval of the metrics endpoint, not a synchronisation
                        counts = counters(app.statusPort());
                    } while (counts.get("clicks") + counts.get("dead") < total);
                    double seconds = (System.nanoTime() - began) / 1e9;
                    rates.add(total / seconds);
                    System.out.printf(Locale.ROOT, "run %d: %d clicks (%s) in %.1f s: %.0f clicks/s, %d late%n",
                            run + 1, total, publisher, seconds, total / seconds, counts.get("late"));
                }
            }
        }
        rates.sort(null);
        System.out.printf(Locale.ROOT, "median: %.0f clicks/s end to end%n", rates.get(rates.size() / 2));
    }

    private static StreamingConfig config(String bootstrapServers, Path stateDir) {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Settings settings = Settings.load(null, Map.of(), Map.of(
                "item2vec.kafka.bootstrap-servers", bootstrapServers,
                "item2vec.streaming.application-id", prefix + "app",
                "item2vec.streaming.state-dir", stateDir.toString(),
                "item2vec.streaming.status-port", "0",
                "item2vec.topics.partitions", Integer.toString(PARTITIONS),
                "item2vec.topics.clicks", prefix + "clicks",
                "item2vec.topics.dead-letters", prefix + "dlq",
                "item2vec.topics.sessions", prefix + "sessions",
                "item2vec.topics.session-updates", prefix + "updates",
                "item2vec.attribution.enabled", "false"));
        return StreamingConfig.from(settings);
    }

    /** The click, dead-letter and late counters from the metrics endpoint. */
    private static Map<String, Long> counters(int port) throws Exception {
        String text = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long clicks = 0;
        long dead = 0;
        long late = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith("item2vec_streaming_clicks_total ")) {
                clicks = value;
            } else if (line.startsWith("item2vec_streaming_dead_letters_total")) {
                dead += value;
                if (line.contains("reason=\"late\"")) {
                    late = value;
                }
            }
        }
        return Map.of("clicks", clicks, "dead", dead, "late", late);
    }
}
