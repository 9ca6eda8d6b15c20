package org.item2vec.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.experiment.define.Experiment;
import org.item2vec.experiment.define.ExperimentJson;
import org.item2vec.experiment.define.ExperimentMode;
import org.item2vec.experiment.define.Strategy;
import org.item2vec.experiment.define.Variant;
import org.item2vec.service.config.Topics;

/**
 * What publishing impressions costs a request: {@code GET /recommend?item=<random>&k=10&user=<random>} under a
 * running 50/50 experiment (control: similar items in the item's market; treatment: in any market), served
 * with impression logging off and with it on, publishing to Kafka.
 *
 * <p>Two APIs run in this JVM over the same synthetic catalogue ({@link SyntheticCatalogue}) and the same
 * experiments file, alike except for {@code item2vec.experiments.log-impressions}; both are started, and
 * warmed up, before anything is measured, and stay up to the end, so neither pays for a restart or a cold JIT.
 * Each round then runs, at each number of connections, the closed-loop load of {@link LoadGenerator} against
 * one API and then the other, swapping which goes first every round, so that the machine's drifting load
 * does not always favour the same side. Printed: every run, with the process's CPU time per request and the
 * cores it had (below 2 on a saturated 2-core machine: other processes took the rest, and the run is noisier);
 * per number of connections the medians across rounds and the differences on − off (with the paired
 * difference of each round at p99, to see the noise); finally what became of the impressions: the lists the
 * logging API served, its
 * {@code item2vec.impressions} counters (sent, dropped, failed) once the buffer has drained, and the records
 * that arrived in the topic (its end offsets).
 *
 * <p>Run it with {@code java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * org.item2vec.benchmarks.ExperimentLoggingBench [--name value ...]}; options and their defaults:
 * <ul>
 *   <li>{@code --items 100000 --dim 32 --markets 20}: the catalogue, as {@link ApiLoadBench}'s;
 *   <li>{@code --users 100000}: the users, drawn uniformly, one prepared request (for a random item) each;
 *   <li>{@code --connections 1,4,16 --rounds 3}; per run {@code --warmup 2} seconds unmeasured, then
 *       {@code --seconds 10} measured; {@code --first-warmup 10}: seconds of load on each API, at the largest
 *       number of connections, before the first round;
 *   <li>{@code --bootstrap-servers host:port}: a running broker instead of one started in this JVM;
 *   <li>{@code --partitions 4}: of the impressions topic, when it does not exist yet;
 *   <li>{@code --impression-buffer N}: the API's buffer of unsent impressions (its own default: 10,000);
 *   <li>{@code --access-log true}: the APIs' access log, written to a file as in production.
 * </ul>
 * Everything shares the machine's cores: the load generator, both APIs and, unless {@code --bootstrap-servers}
 * is given, the broker, whose work storing the impressions is thus counted against the runs with logging on.
 */
public final class ExperimentLoggingBench {
    private static final Set<String> OPTIONS = Set.of("--items", "--dim", "--markets", "--users", "--connections",
            "--rounds", "--warmup", "--seconds", "--first-warmup", "--bootstrap-servers", "--partitions",
            "--impression-buffer", "--access-log");
    private static final int K = 10;
    private static final String EXPERIMENT = "logging-bench";
    private static final String IMPRESSIONS = Topics.DEFAULT.impressions();
    /** The counts topic, which the APIs follow while an experiment runs: created so they find it at once. */
    private static final String EXPERIMENT_STATS = Topics.DEFAULT.experimentStats();
    /** The requirement: logging may add at most this to the p99 latency. */
    private static final double P99_BUDGET_MS = 1.0;
    /** How long the logging API may take, after the last run, to account for every impression. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final long SEED = 7;

    private ExperimentLoggingBench() {
    }

    /** Whether an API publishes impressions. */
    private enum Logging {
        OFF, ON;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What to run, from the command line. */
    private record Plan(int items, int dim, int markets, int users, int[] connections, int rounds, int warmup,
                        int seconds, int firstWarmup, int partitions, Optional<Integer> impressionBuffer,
                        boolean accessLog) {
        static Plan from(Options options) {
            return new Plan(options.integer("--items", 100_000), options.integer("--dim", 32),
                    options.integer("--markets", 20), options.integer("--users", 100_000),
                    options.integers("--connections", "1,4,16"), options.integer("--rounds", 3),
                    options.integer("--warmup", 2), options.integer("--seconds", 10),
                    options.integer("--first-warmup", 10), options.integer("--partitions", 4),
                    options.has("--impression-buffer") ? Optional.of(options.integer("--impression-buffer", 0))
                            : Optional.empty(),
                    Boolean.parseBoolean(options.string("--access-log", "true")));
        }

        int maxConnections() {
            return Arrays.stream(connections).max().orElse(1);
        }
    }

    /**
     * One measured run: a round, a number of connections, one of the two APIs.
     *
     * @param cores the CPU time this whole process (APIs, broker, load generator) used over the run, warm-up
     *              included, divided by its wall time: below the number of cores, when the load saturates
     *              them, other processes took the rest
     */
    private record Run(int round, int connections, Logging logging, LoadGenerator.Result result, double cores,
                       Map<String, Double> threads) {
        double throughput() {
            return result.throughput();
        }

        /** The process's CPU time per request answered. */
        double cpuMicros() {
            return cores / result.throughput() * 1e6;
        }

        double millis(double fraction) {
            return result.latencies().millis(fraction);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, OPTIONS);
        Plan plan = Plan.from(options);
        try (TemporaryDirectory data = TemporaryDirectory.create("item2vec-logging-bench")) {
            Path log = data.path().resolve("server.log");
            // Set before anything logs: the APIs' access log and the broker's log go to this file.
            System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
            System.out.printf("load average at the start: %.2f on %d processors%n", loadAverage(),
                    Runtime.getRuntime().availableProcessors());
            if (options.has("--bootstrap-servers")) {
                run(plan, data.path(), log, options.string("--bootstrap-servers", null));
                return;
            }
            try (TemporaryDirectory kafkaDir = TemporaryDirectory.create("item2vec-logging-bench-kafka")) {
                long started = System.nanoTime();
                try (EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir.path(), 0, 0)) {
                    System.out.printf("Kafka broker started in this JVM at %s in %.1f s%n", kafka.bootstrapServers(),
                            (System.nanoTime() - started) / 1e9);
                    run(plan, data.path(), log, kafka.bootstrapServers());
                }
            }
        }
    }

    private static void run(Plan plan, Path dataDir, Path log, String bootstrap) throws Exception {
        List<String> created = KafkaTopics.createMissing(bootstrap, List.of(
                new NewTopic(IMPRESSIONS, Optional.of(plan.partitions()), Optional.empty()),
                new NewTopic(EXPERIMENT_STATS, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
        System.out.printf("topics created on %s: %s%n", bootstrap, created);
        SyntheticCatalogue.publishInto(dataDir, plan.items(), plan.dim(), plan.markets());
        Path experiments = writeExperiment(dataDir);
        long recordsBefore = KafkaTopics.messages(bootstrap, IMPRESSIONS);
        Map<Logging, InProcessApi> apis = new EnumMap<>(Logging.class);
        try {
            Map<Logging, LoadGenerator> loads = new EnumMap<>(Logging.class);
            for (Logging logging : Logging.values()) {
                long started = System.nanoTime();
                InProcessApi api = InProcessApi.start(dataDir, plan.accessLog(),
                        settings(plan, logging, experiments, bootstrap));
                apis.put(logging, api);
                loads.put(logging, new LoadGenerator("localhost", api.port(), requests(api.port(), plan)));
                System.out.printf("API with impression logging %s started in this JVM in %.1f s%n", logging.label(),
                        (System.nanoTime() - started) / 1e9);
            }
            System.out.printf("heap in use with both APIs: %s; access log %s%n", Heap.mebibytes(Heap.usedAfterGc()),
                    plan.accessLog() ? "on" : "off");
            List<Run> runs = measure(plan, loads);
            printMedians(plan, runs);
            printImpressions(apis.get(Logging.ON), apis.get(Logging.OFF), bootstrap, recordsBefore);
            printWarnings(log);
            System.out.printf("load average at the end: %.2f%n", loadAverage());
        } finally {
            apis.values().forEach(InProcessApi::close);
        }
    }

    /** The experiments file: one running A/B experiment, half the users in each variant. */
    private static Path writeExperiment(Path dataDir) throws IOException {
        Experiment experiment = new Experiment(EXPERIMENT, "impression logging benchmark", EXPERIMENT,
                ExperimentMode.AB, true, List.of(
                        new Variant("control", 1, null, Strategy.SIMILAR_IN_MARKET, null, null),
                        new Variant("treatment", 1, null, Strategy.ANY_MARKET, null, null)));
        Path file = dataDir.resolve("experiments.json");
        Files.write(file, ExperimentJson.write(List.of(experiment)));
        return file;
    }

    /** The settings of one API; the two differ in logging only (both follow the counts topic on the broker). */
    private static Map<String, Object> settings(Plan plan, Logging logging, Path experiments, String bootstrap) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("item2vec.experiments.file", experiments.toString());
        settings.put("item2vec.experiments.log-impressions", logging == Logging.ON);
        settings.put("item2vec.kafka.bootstrap-servers", bootstrap);
        settings.put("item2vec.topics.impressions", IMPRESSIONS);
        settings.put("item2vec.topics.experiment-stats", EXPERIMENT_STATS);
        plan.impressionBuffer().ifPresent(size -> settings.put("item2vec.experiments.impression-buffer", size));
        return settings;
    }

    /** One prepared request per user, for a random item; the same ones, by seed, for both APIs. */
    private static byte[][] requests(int port, Plan plan) {
        SplittableRandom random = new SplittableRandom(SEED);
        byte[][] requests = new byte[plan.users()][];
        for (int user = 0; user < plan.users(); user++) {
            requests[user] = KeepAliveConnection.get("localhost", port, "/recommend?item="
                    + SyntheticCatalogue.itemId(random.nextInt(plan.items())) + "&k=" + K + "&user=u" + user);
        }
        return requests;
    }

    private static List<Run> measure(Plan plan, Map<Logging, LoadGenerator> loads) throws InterruptedException {
        for (Logging logging : Logging.values()) {
            loads.get(logging).run(plan.maxConnections(), plan.firstWarmup(), 0);
        }
        System.out.printf("%nGET /recommend?item=<random>&k=%d&user=<random of %,d> under a 50/50 experiment;"
                        + " per run %d s warm-up, then %d s measured%n", K, plan.users(), plan.warmup(),
                plan.seconds());
        System.out.println("round  connections  logging     req/s   p50 ms   p99 ms  p99.9 ms  CPU µs  cores   errors");
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= plan.rounds(); round++) {
            List<Logging> order = round % 2 == 1 ? List.of(Logging.OFF, Logging.ON) : List.of(Logging.ON, Logging.OFF);
            for (int connections : plan.connections()) {
                for (Logging logging : order) {
                    ThreadCpu before = ThreadCpu.now();
                    LoadGenerator.Result result = loads.get(logging).run(connections, plan.warmup(), plan.seconds());
                    Map<String, Double> threads = before.until(ThreadCpu.now(), ThreadCpu::pool,
                            Map.of("load generator", result.cpuNanos()));
                    double cores = threads.values().stream().mapToDouble(Double::doubleValue).sum() / 1e3;
                    Run run = new Run(round, connections, logging, result, cores, threads);
                    runs.add(run);
                    LatencyHistogram latencies = result.latencies();
                    System.out.printf("%5d %12d %8s %9.0f %8.2f %8.2f %9.2f %7.0f %6.2f %8d%s%n", round,
                            connections, logging.label(), result.throughput(), latencies.millis(0.50),
                            latencies.millis(0.99), latencies.millis(0.999), run.cpuMicros(), cores, result.errors(),
                            result.firstError() == null ? "" : "  first: " + result.firstError());
                }
            }
        }
        return runs;
    }

    private static void printMedians(Plan plan, List<Run> runs) {
        System.out.printf("%nmedians over %d rounds%n", plan.rounds());
        System.out.println("connections  logging     req/s   p50 ms   p99 ms  p99.9 ms  CPU µs");
        for (int connections : plan.connections()) {
            for (Logging logging : Logging.values()) {
                System.out.printf("%11d %8s %9.0f %8.2f %8.2f %9.2f %7.0f%n", connections, logging.label(),
                        median(runs, connections, logging, Run::throughput),
                        median(runs, connections, logging, r -> r.millis(0.50)),
                        median(runs, connections, logging, r -> r.millis(0.99)),
                        median(runs, connections, logging, r -> r.millis(0.999)),
                        median(runs, connections, logging, Run::cpuMicros));
            }
        }
        System.out.printf("%non - off, from the medians (the paired p99 difference of each round beside)%n");
        System.out.println("connections  req/s on/off  p50 ms   p99 ms  CPU µs   p99 ms per round");
        double worst = Double.NEGATIVE_INFINITY;
        for (int connections : plan.connections()) {
            double p99 = difference(runs, connections, r -> r.millis(0.99));
            worst = Math.max(worst, p99);
            System.out.printf("%11d %13.3f %+7.2f %+8.2f %+7.0f   %s%n", connections,
                    median(runs, connections, Logging.ON, Run::throughput)
                            / median(runs, connections, Logging.OFF, Run::throughput),
                    difference(runs, connections, r -> r.millis(0.50)), p99,
                    difference(runs, connections, Run::cpuMicros), pairedP99(plan, runs, connections));
        }
        System.out.printf("largest p99 difference: %+.2f ms, %s the %.0f ms budget%n", worst,
                worst <= P99_BUDGET_MS ? "within" : "over", P99_BUDGET_MS);
        printThreads(plan, runs);
    }

    /**
     * Where the CPU went at the largest number of connections: medians of each group of threads, in ms of CPU
     * per s, and per request (µs), off and on; groups of under 5 ms/s in both are left out.
     */
    private static void printThreads(Plan plan, List<Run> runs) {
        int connections = plan.maxConnections();
        Set<String> groups = new TreeSet<>();
        runs.forEach(run -> groups.addAll(run.threads().keySet()));
        System.out.printf("%nCPU by thread at %d connections, medians: ms per s, µs per request%n", connections);
        System.out.printf("%-60s %9s %9s %9s %9s%n", "threads", "off ms/s", "on ms/s", "off µs", "on µs");
        for (String group : groups) {
            ToDoubleFunction<Run> millis = run -> run.threads().getOrDefault(group, 0.0);
            double off = median(runs, connections, Logging.OFF, millis);
            double on = median(runs, connections, Logging.ON, millis);
            if (off >= 5 || on >= 5) {
                System.out.printf("%-60s %9.1f %9.1f %9.1f %9.1f%n", group, off, on,
                        median(runs, connections, Logging.OFF, run -> millis.applyAsDouble(run) * 1e3
                                / run.throughput()),
                        median(runs, connections, Logging.ON, run -> millis.applyAsDouble(run) * 1e3
                                / run.throughput()));
            }
        }
    }

    private static double difference(List<Run> runs, int connections, ToDoubleFunction<Run> measure) {
        return median(runs, connections, Logging.ON, measure) - median(runs, connections, Logging.OFF, measure);
    }

    private static String pairedP99(Plan plan, List<Run> runs, int connections) {
        List<String> differences = new ArrayList<>();
        for (int round = 1; round <= plan.rounds(); round++) {
            double on = 0;
            double off = 0;
            for (Run run : runs) {
                if (run.round() == round && run.connections() == connections) {
                    double p99 = run.millis(0.99);
                    on = run.logging() == Logging.ON ? p99 : on;
                    off = run.logging() == Logging.OFF ? p99 : off;
                }
            }
            differences.add(String.format("%+.2f", on - off));
        }
        return String.join(", ", differences);
    }

    private static double median(List<Run> runs, int connections, Logging logging,
                                 ToDoubleFunction<Run> measure) {
        return Median.of(runs.stream().filter(r -> r.connections() == connections && r.logging() == logging)
                .mapToDouble(measure));
    }

    /**
     * Waits until the logging API has accounted for every list it served (sent, dropped or failed), then compares
     * its counters with the records that reached the topic.
     */
    private static void printImpressions(InProcessApi on, InProcessApi off, String bootstrap, long recordsBefore)
            throws Exception {
        MeterRegistry meters = on.meters();
        long served = served(meters);
        Counter sent = impressions(meters, "sent");
        Counter dropped = impressions(meters, "dropped");
        Counter failed = impressions(meters, "failed");
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (sent.count() + dropped.count() + failed.count() < served && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Gauge buffered = meters.find("item2vec.impressions.buffered").gauge();
        long records = KafkaTopics.messages(bootstrap, IMPRESSIONS) - recordsBefore;
        System.out.printf("%nthe API with logging on served %,d lists under the experiment (warm-ups included);"
                        + " item2vec.impressions: sent %,d, dropped %,d, failed %,d; still buffered %s%n", served,
                (long) sent.count(), (long) dropped.count(), (long) failed.count(),
                buffered == null ? "unknown" : String.format("%,d", (long) buffered.value()));
        System.out.printf("records that arrived in '%s': %,d (%s)%n", IMPRESSIONS, records,
                records == served ? "one per list served" : String.format("%,d fewer than the lists served",
                        served - records));
        System.out.printf("the API with logging off served %,d lists and published none%n", served(off.meters()));
    }

    /** Every answered {@code /recommend} of these runs names a user and so was served under the experiment. */
    private static long served(MeterRegistry meters) {
        return (long) meters.find("item2vec.recommendations").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static Counter impressions(MeterRegistry meters, String outcome) {
        Counter counter = meters.find("item2vec.impressions").tag("outcome", outcome).counter();
        if (counter == null) {
            throw new IllegalStateException("the API with logging on has no item2vec.impressions{outcome="
                    + outcome + "} counter: its impression log did not start");
        }
        return counter;
    }

    /** The server log is a file of its own: say whether it holds anything worth a look. */
    private static void printWarnings(Path log) throws IOException {
        List<String> warnings;
        try (Stream<String> lines = Files.lines(log)) {
            warnings = lines.filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                    .collect(Collectors.toList());
        }
        System.out.printf("server log (APIs and broker): %,d warnings and errors%s%n", warnings.size(),
                warnings.isEmpty() ? "" : "; the first: " + warnings.stream().limit(3)
                        .map(line -> line.length() > 240 ? line.substring(0, 240) + "…" : line)
                        .collect(Collectors.joining("\n  ", "\n  ", "")));
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
