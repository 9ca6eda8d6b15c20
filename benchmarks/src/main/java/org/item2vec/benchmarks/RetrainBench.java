package org.item2vec.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.events.messages.Listing;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.service.config.Settings;
import org.item2vec.service.config.Topics;
import org.item2vec.store.ModelVersions;
import org.item2vec.store.ModelVersions.Manifest;
import org.item2vec.trainer.live.TrainerConfig;
import org.item2vec.trainer.retrain.RetrainConfig;
import org.item2vec.trainer.retrain.RetrainJob;

/**
 * The full retrain ({@link RetrainJob}) over a synthetic session history in Kafka ({@link SyntheticSessions}):
 * 10,000,000 clicks over 30 days by default. Prints the job's own log, then its wall time and peak memory per
 * phase ({@link RetrainPhases}) and the size of the version it published. The retrain is forced past the gate,
 * so that every phase runs.
 *
 * <p>Ways to run it ({@code java --add-modules=jdk.incubator.vector -Xmx1g -cp benchmarks/target/benchmarks.jar
 * org.item2vec.benchmarks.RetrainBench …}):
 * <ul>
 *   <li>by default, a Kafka broker is started in this JVM on a temporary directory, filled, and retrained from;
 *       the broker then shares the process, and its memory, with the retrain;
 *   <li>{@code --bootstrap-servers host:port} uses a running broker instead: the topics are created and filled
 *       when {@code sessions} is empty or missing, and left as they are when it already holds messages;
 *   <li>{@code --publish-only} fills the topics and stops; with the broker in this JVM it keeps serving (on
 *       {@code --port}) until the process is stopped, so that {@code --retrain-only --bootstrap-servers
 *       localhost:PORT} can measure the retrain as a process of its own, as many times as wanted;
 *   <li>{@code --kafka-dir DIR} keeps the in-JVM broker's data in {@code DIR}, so that a later run reuses it.
 * </ul>
 * {@code --set key=value} (repeatable) passes a setting to the job, e.g. {@code --set item2vec.retrain.epochs=5};
 * the versions are published in a temporary directory unless {@code item2vec.trainer.versions-dir} is set.
 */
public final class RetrainBench {
    private static final Set<String> OPTIONS = Set.of("--bootstrap-servers", "--tokens", "--items", "--markets",
            "--days", "--partitions", "--seed", "--compression", "--port", "--kafka-dir");
    private static final String PUBLISH_ONLY = "--publish-only";
    private static final String RETRAIN_ONLY = "--retrain-only";
    private static final String SET = "--set";
    /** As long as the streaming application keeps sessions, or longer when the history asked for is longer. */
    private static final Duration SESSIONS_RETENTION = Duration.ofDays(90);
    private static final Duration REPORT_INTERVAL = Duration.ofSeconds(5);
    private static final String[] TYPES = {"apartment", "house", "room"};

    private RetrainBench() {
    }

    /** The command line: {@code --name value} options, two flags, and the settings given with {@code --set}. */
    private record Command(Options options, boolean publishOnly, boolean retrainOnly, Map<String, String> settings) {
        static Command parse(String[] args) {
            List<String> rest = new ArrayList<>();
            Map<String, String> settings = new LinkedHashMap<>();
            boolean publishOnly = false;
            boolean retrainOnly = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case PUBLISH_ONLY -> publishOnly = true;
                    case RETRAIN_ONLY -> retrainOnly = true;
                    case SET -> {
                        String pair = i + 1 < args.length ? args[++i] : "";
                        int equals = pair.indexOf('=');
                        if (equals <= 0) {
                            throw new IllegalArgumentException("--set needs key=value, got '" + pair + "'");
                        }
                        settings.put(pair.substring(0, equals), pair.substring(equals + 1));
                    }
                    default -> rest.add(args[i]);
                }
            }
            Options options = new Options(rest.toArray(String[]::new), OPTIONS);
            if (publishOnly && retrainOnly) {
                throw new IllegalArgumentException(PUBLISH_ONLY + " and " + RETRAIN_ONLY + " exclude each other");
            }
            if (retrainOnly && !options.has("--bootstrap-servers")) {
                throw new IllegalArgumentException(RETRAIN_ONLY
                        + " reads from a running broker: give --bootstrap-servers");
            }
            return new Command(options, publishOnly, retrainOnly, settings);
        }
    }

    public static void main(String[] args) throws Exception {
        // Before anything logs. The job logs through its own sink; the broker and the Kafka clients' warnings are
        // noise here (a fresh broker's controller activation, the reader's consumer letting go of partitions).
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        Command command = Command.parse(args);
        Options options = command.options();
        String bootstrap = options.string("--bootstrap-servers", null);
        if (bootstrap != null) {
            run(command, bootstrap);
            return;
        }
        TemporaryDirectory temporaryKafkaDir = options.has("--kafka-dir") ? null
                : TemporaryDirectory.create("item2vec-retrain-kafka");
        Path kafkaDir = temporaryKafkaDir == null ? Path.of(options.string("--kafka-dir", null))
                : temporaryKafkaDir.path();
        long started = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir, options.integer("--port", 0), 0);
        System.out.printf("Kafka broker started in this JVM at %s in %.1f s, data in %s%n", kafka.bootstrapServers(),
                (System.nanoTime() - started) / 1e9, kafkaDir);
        Runnable cleanUp = () -> {
            kafka.close();
            if (temporaryKafkaDir != null) {
                temporaryKafkaDir.close();
            }
        };
        if (command.publishOnly()) {
            Runtime.getRuntime().addShutdownHook(new Thread(cleanUp, "broker-shutdown"));
            run(command, kafka.bootstrapServers());
            System.out.printf("serving the topics at %s until this process is stopped; measure the retrain with%n"
                    + "  ... RetrainBench --retrain-only --bootstrap-servers %s%n", kafka.bootstrapServers(),
                    kafka.bootstrapServers());
            new CountDownLatch(1).await();
            return;
        }
        try {
            run(command, kafka.bootstrapServers());
        } finally {
            cleanUp.run();
        }
    }

    private static void run(Command command, String bootstrap) throws Exception {
        Settings settings = Settings.empty().with(KafkaSettings.BOOTSTRAP_SERVERS_KEY, bootstrap);
        for (Map.Entry<String, String> setting : command.settings().entrySet()) {
            settings = settings.with(setting.getKey(), setting.getValue());
        }
        Topics topics = Topics.from(settings);
        if (command.retrainOnly()) {
            long messages = KafkaTopics.messages(bootstrap, topics.sessions());
            if (messages <= 0) {
                throw new IllegalStateException("topic '" + topics.sessions() + "' on " + bootstrap
                        + " holds no messages: fill it first (without " + RETRAIN_ONLY + ")");
            }
            System.out.printf("topic '%s' on %s holds %,d messages%n", topics.sessions(), bootstrap, messages);
        } else {
            fill(command.options(), bootstrap, topics);
        }
        if (!command.publishOnly()) {
            retrain(settings);
        }
    }

    // ---- filling the topics ----

    private static void fill(Options options, String bootstrap, Topics topics) throws Exception {
        int days = options.integer("--days", 30);
        long messages = KafkaTopics.messages(bootstrap, topics.sessions());
        if (messages > 0) {
            System.out.printf("topic '%s' on %s already holds %,d messages: not publishing, the retrain reads those%n",
                    topics.sessions(), bootstrap, messages);
            return;
        }
        int partitions = options.integer("--partitions", 2);
        Duration retention = SESSIONS_RETENTION.compareTo(Duration.ofDays(days + 1L)) >= 0 ? SESSIONS_RETENTION
                : Duration.ofDays(days + 1L);
        KafkaTopics.createMissing(bootstrap, List.of(
                new NewTopic(topics.sessions(), Optional.of(partitions), Optional.empty())
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()))),
                new NewTopic(topics.listings(), Optional.of(partitions), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
        SyntheticSessions sessions = new SyntheticSessions(options.integer("--items", 100_000),
                options.integer("--markets", 20), options.integer("--seed", 42));
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap, options.string("--compression", "lz4"))) {
            publishListings(producer, topics.listings(), sessions, options.integer("--seed", 42));
            publishSessions(producer, topics.sessions(), sessions, options.integer("--tokens", 10_000_000), days);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap, String compression) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // Throughput over durability: the data is made up and can be made again.
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "item2vec-retrain-bench");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** A listing per item, as the catalogue publishes them: the retrain stores them with the version. */
    private static void publishListings(KafkaProducer<String, byte[]> producer, String topic,
                                        SyntheticSessions sessions, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Sending sending = new Sending();
        for (int item = 0; item < sessions.items(); item++) {
            String id = SyntheticSessions.itemId(item);
            long price = Math.round(Math.exp(4 + random.nextGaussian() * 0.6)); // log-normal, median 55
            Listing listing = new Listing(id, SyntheticCatalogue.marketName(sessions.marketOf(item) + 1),
                    TYPES[random.nextInt(TYPES.length)], (double) price, null, null);
            producer.send(new ProducerRecord<>(topic, id, listing.toJson()), sending::done);
        }
        producer.flush();
        sending.check();
        System.out.printf("published %,d listings in %d markets to '%s'%n", sessions.items(), sessions.markets(),
                topic);
    }

    private static void publishSessions(KafkaProducer<String, byte[]> producer, String topic,
                                        SyntheticSessions sessions, long clicks, int days) {
        long now = System.currentTimeMillis();
        long from = now - Duration.ofDays(days).toMillis();
        Sending sending = new Sending();
        long[] counts = new long[4]; // sessions, clicks, booked, bytes
        long started = System.nanoTime();
        long[] lastReport = {started};
        System.out.printf("publishing sessions of %,d clicks in all over %d days to '%s' ...%n", clicks, days, topic);
        sessions.generate(clicks, from, now, session -> {
            byte[] value = session.json();
            producer.send(new ProducerRecord<>(topic, null, session.endMs(), session.user(), value), sending::done);
            counts[0]++;
            counts[1] += session.items().length;
            counts[2] += session.booked() < 0 ? 0 : 1;
            counts[3] += value.length;
            if ((counts[0] & 0x3fff) == 0 && System.nanoTime() - lastReport[0] >= REPORT_INTERVAL.toNanos()) {
                lastReport[0] = System.nanoTime();
                double seconds = (lastReport[0] - started) / 1e9;
                System.out.printf(Locale.ROOT, "  %,d sessions sent, %,.0f messages/s, %.1f MB/s%n", counts[0],
                        counts[0] / seconds, counts[3] / seconds / 1e6);
            }
        });
        producer.flush();
        sending.check();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "published %,d sessions (%,d clicks, %.1f %% booked, %,.1f MB of JSON)"
                        + " in %.1f s: %,.0f messages/s, %,.0f clicks/s, %.1f MB/s%n", counts[0], counts[1],
                100.0 * counts[2] / counts[0], counts[3] / 1e6, seconds, counts[0] / seconds, counts[1] / seconds,
                counts[3] / seconds / 1e6);
    }

    /** The producer's acknowledgements: the first failure fails the run. */
    private static final class Sending {
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        void done(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        }

        void check() {
            if (failure.get() != null) {
                throw new IllegalStateException("publishing failed: " + failure.get(), failure.get());
            }
        }
    }

    // ---- the retrain ----

    private static void retrain(Settings given) throws InterruptedException {
        String givenVersionsDir = given.string(TrainerConfig.VERSIONS_DIR_KEY, null);
        try (TemporaryDirectory temporary = givenVersionsDir == null
                ? TemporaryDirectory.create("item2vec-retrain-versions") : null) {
            retrainInto(given, temporary == null ? Path.of(givenVersionsDir) : temporary.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void retrainInto(Settings given, Path versionsDir) throws InterruptedException {
        Settings settings = given.with(TrainerConfig.VERSIONS_DIR_KEY, versionsDir.toString());
        if (settings.string("item2vec.retrain.report-interval", null) == null) {
            settings = settings.with("item2vec.retrain.report-interval", REPORT_INTERVAL.toSeconds() + "s");
        }
        RetrainConfig config = RetrainConfig.from(settings);
        System.out.printf(Locale.ROOT, "retrain: dim %d, window %d, negative %d, %d epochs, %d threads, min-count %d,"
                        + " sample %s, holdout %s, history %s; JVM: %s, max heap %s, %d processors,"
                        + " load average %.2f%n",
                config.training().dim(), config.training().window(), config.training().negative(),
                config.training().epochs(), config.training().threads(), config.training().minCount(),
                config.training().sample(), config.holdout(), config.history() == null ? "all" : config.history(),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(", ")), Heap.mebibytes(Runtime.getRuntime().maxMemory()),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        PeakMemory memory = new PeakMemory();
        memory.takePeaks(); // the retrain's peaks only, not those of filling the topics
        RetrainPhases phases = new RetrainPhases(memory, System.out);
        RetrainJob.Outcome outcome;
        try {
            outcome = new RetrainJob(config, phases).run(true);
        } catch (RuntimeException | OutOfMemoryError e) {
            phases.finish();
            RetrainPhases.Phase reached = phases.lastEnded();
            System.out.printf(Locale.ROOT, "%nthe retrain failed after %.1f s, %s: %s%n", phases.seconds(),
                    reached == null ? "while reading the history"
                            : "after the last line of phase '" + reached.label() + "'", e);
            phases.print(System.out);
            throw e;
        }
        phases.finish();
        System.out.printf(Locale.ROOT, "%nload average at the end: %.2f (other processes compete for the cores when"
                + " it is above %d)%n", loadAverage(), Runtime.getRuntime().availableProcessors());
        phases.print(System.out);
        report(outcome, versionsDir);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void report(RetrainJob.Outcome outcome, Path versionsDir) {
        if (outcome.published().isEmpty()) {
            System.out.println("nothing was published: " + outcome.reason());
            return;
        }
        Manifest manifest = ModelVersions.manifest(versionsDir.resolve(outcome.published().get().version()));
        Path version = versionsDir.resolve(manifest.version());
        System.out.printf("published %s: %s on disk; metrics %s%n", manifest.version(), Heap.mebibytes(size(version)),
                manifest.metrics());
        System.out.println("data range " + manifest.dataRange());
        System.out.println("gate " + manifest.gate());
    }

    private static long size(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
