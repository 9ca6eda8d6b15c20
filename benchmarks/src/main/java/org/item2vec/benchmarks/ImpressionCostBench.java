package org.item2vec.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.apache.kafka.clients.admin.NewTopic;
import org.item2vec.api.experiment.ImpressionLog;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.experiment.events.Impression;
import org.item2vec.service.config.Topics;

/**
 * The CPU one impression costs, and where: the API's {@link ImpressionLog} publishing impressions at a steady
 * rate to a broker, against the same time without impressions, with each thread's CPU time measured. Where
 * {@link ExperimentLoggingBench} shows what logging does to latency, this shows what it costs, thread by
 * thread, without the noise of a saturated HTTP server around it:
 * <ul>
 *   <li>{@code request}: building the impression and offering it to the buffer, what a request pays;
 *   <li>{@code sender}: turning it into a Kafka record and handing it to the producer;
 *   <li>{@code producer I/O}: the producer's network thread, batching and sending;
 *   <li>{@code broker}: every other Java thread, i.e. the broker when it runs in this JVM;
 *   <li>{@code JVM}: what the process used beyond its Java threads (garbage collection, JIT).
 * </ul>
 *
 * <p>Run it with {@code java -cp benchmarks/target/benchmarks.jar org.item2vec.benchmarks.ImpressionCostBench
 * [--rate 5000 --seconds 10 --rounds 5 --items 10 --partitions 4 --bootstrap-servers host:port]}; the first
 * round is a warm-up and not counted. Each round measures an idle window (the log started, nothing offered) and
 * a loaded one; the cost of an impression is the difference of their medians divided by the rate, so what a
 * broker or a producer costs while nothing happens is not charged to the impressions.
 */
public final class ImpressionCostBench {
    private static final Set<String> OPTIONS = Set.of("--rate", "--seconds", "--rounds", "--items", "--partitions",
            "--bootstrap-servers");
    private static final String TOPIC = Topics.DEFAULT.impressions();
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private enum Part {
        REQUEST("request"), SENDER("sender"), PRODUCER_IO("producer I/O"), BROKER("broker"), JVM("JVM");

        final String label;

        Part(String label) {
            this.label = label;
        }

        static Part of(String threadName) {
            if (threadName.equals("impression-sender")) {
                return SENDER;
            }
            if (threadName.startsWith("kafka-producer-network-thread")) {
                return PRODUCER_IO;
            }
            return BROKER;
        }
    }

    private ImpressionCostBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, OPTIONS);
        if (options.has("--bootstrap-servers")) {
            run(options, options.string("--bootstrap-servers", null));
            return;
        }
        try (TemporaryDirectory kafkaDir = TemporaryDirectory.create("item2vec-impression-bench-kafka");
             EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir.path(), 0, 0)) {
            System.out.printf("Kafka broker started in this JVM at %s%n", kafka.bootstrapServers());
            run(options, kafka.bootstrapServers());
        }
    }

    /**
     * One window's use of each part: CPU in milliseconds per second, heap allocated in bytes per second, and the
     * impressions per second over the same wall time (offering and draining).
     */
    private record Usage(Map<Part, Double> cpu, Map<Part, Double> allocated, double impressionsPerSecond) {
    }

    private static void run(Options options, String bootstrap) throws Exception {
        int rate = options.integer("--rate", 5000);
        int seconds = options.integer("--seconds", 10);
        int rounds = options.integer("--rounds", 5);
        int items = options.integer("--items", 10);
        KafkaTopics.createMissing(bootstrap, List.of(
                new NewTopic(TOPIC, Optional.of(options.integer("--partitions", 4)), Optional.empty())));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Usage> idle = new ArrayList<>();
        List<Usage> busy = new ArrayList<>();
        try (ImpressionLog log = new ImpressionLog(bootstrap, TOPIC, 10_000, Duration.ofSeconds(10), meters)) {
            System.out.printf("per round %d s without impressions, then %d s of %,d impressions/s of %d items;"
                    + " CPU in ms per second%n", seconds, seconds, rate, items);
            System.out.printf("round   phase %s   total%n", header());
            for (int round = 0; round <= rounds; round++) {
                Usage quiet = window(log, meters, 0, seconds, items, round);
                Usage loaded = window(log, meters, rate, seconds, items, round);
                print(round == 0 ? "warm" : Integer.toString(round), "idle", quiet.cpu(), 1);
                print("", "loaded", loaded.cpu(), 1);
                if (round > 0) {
                    idle.add(quiet);
                    busy.add(loaded);
                }
            }
        }
        print("median", "idle", medians(idle, Usage::cpu), 1);
        print("", "loaded", medians(busy, Usage::cpu), 1);
        System.out.printf("%nper impression (loaded - idle, medians)%n%14s%s   total%n", "", header());
        double impressionsPerSecond = Median.of(busy.stream().mapToDouble(Usage::impressionsPerSecond));
        // ms per s over impressions per s, in µs; bytes per s over impressions per s
        print("", "CPU µs", perImpression(idle, busy, Usage::cpu, 1e3 / impressionsPerSecond), 1);
        print("", "heap B", perImpression(idle, busy, Usage::allocated, 1 / impressionsPerSecond), 0);
        System.out.printf("impressions: sent %,.0f, dropped %,.0f, failed %,.0f%n", count(meters, "sent"),
                count(meters, "dropped"), count(meters, "failed"));
    }

    private static String header() {
        return String.join("", Arrays.stream(Part.values()).map(p -> String.format("%13s", p.label)).toList());
    }

    private static void print(String round, String phase, Map<Part, Double> values, int decimals) {
        String format = "%13." + decimals + "f";
        System.out.printf("%6s %7s%s %7." + decimals + "f%n", round, phase,
                String.join("", values.values().stream().map(v -> String.format(format, v)).toList()),
                values.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    private static Map<Part, Double> medians(List<Usage> rounds, Function<Usage, Map<Part, Double>> measure) {
        Map<Part, Double> medians = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            medians.put(part, Median.of(rounds.stream().mapToDouble(usage -> measure.apply(usage).get(part))));
        }
        return medians;
    }

    private static Map<Part, Double> perImpression(List<Usage> idle, List<Usage> busy,
                                                   Function<Usage, Map<Part, Double>> measure, double scale) {
        Map<Part, Double> idleMedians = medians(idle, measure);
        Map<Part, Double> result = new EnumMap<>(Part.class);
        medians(busy, measure).forEach((part, value) -> result.put(part, (value - idleMedians.get(part)) * scale));
        return result;
    }

    /**
     * Offers {@code rate} impressions a second, a millisecond's worth at a time, then waits until all are sent;
     * returns what each part used over the window.
     */
    private static Usage window(ImpressionLog log, SimpleMeterRegistry meters, int rate, int seconds, int items,
                                int round) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(round);
        long total = (long) rate * seconds;
        double accountedBefore = accounted(meters);
        String self = Thread.currentThread().getName();
        ThreadCpu before = ThreadCpu.now();
        long start = System.nanoTime();
        long requestCpu = 0;
        long requestAllocated = 0;
        long offered = 0;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
            if (offered < due) {
                long cpu = ThreadCpu.currentThread();
                long allocated = ThreadCpu.currentThreadAllocated();
                for (; offered < due; offered++) {
                    log.log(impression(random, items, offered));
                }
                requestCpu += ThreadCpu.currentThread() - cpu;
                requestAllocated += ThreadCpu.currentThreadAllocated() - allocated;
            }
            Thread.sleep(1);
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (accounted(meters) - accountedBefore < offered && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        ThreadCpu after = ThreadCpu.now();
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        // This thread's pacing and waiting is the bench's own cost: only its offering counts, as the request's.
        Function<String, String> part = name -> name.equals(self) ? null : Part.of(name).name();
        Map<String, Double> threads = before.until(after, part);
        Map<String, Long> allocatedByThreads = before.allocatedUntil(after, part);
        Map<Part, Double> cpu = new EnumMap<>(Part.class);
        Map<Part, Double> allocated = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            cpu.put(p, threads.getOrDefault(p.name(), 0.0));
            allocated.put(p, allocatedByThreads.getOrDefault(p.name(), 0L) / wallSeconds);
        }
        cpu.put(Part.REQUEST, requestCpu / 1e6 / wallSeconds);
        cpu.put(Part.JVM, threads.get(ThreadCpu.JVM));
        allocated.put(Part.REQUEST, requestAllocated / wallSeconds);
        return new Usage(cpu, allocated, offered / wallSeconds);
    }

    private static double accounted(SimpleMeterRegistry meters) {
        return count(meters, "sent") + count(meters, "dropped") + count(meters, "failed");
    }

    private static Impression impression(SplittableRandom random, int items, long sequence) {
        List<String> list = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            list.add(SyntheticCatalogue.itemId(random.nextInt(100_000)));
        }
        return new Impression("bench-" + Long.toString(sequence, 36), "u" + random.nextInt(100_000), "logging-bench",
                random.nextBoolean() ? "control" : "treatment", list.get(0), "v1", list, List.of(),
                System.currentTimeMillis());
    }

    private static double count(SimpleMeterRegistry meters, String outcome) {
        return meters.find("item2vec.impressions").tag("outcome", outcome).counter().count();
    }
}
