package org.item2vec.streaming.app;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.item2vec.service.status.Metrics;
import org.item2vec.service.status.PeriodicReport;
import org.item2vec.service.status.StatusServer;
import org.item2vec.streaming.config.StreamingConfig;
import org.item2vec.streaming.topology.SessionTopology;
import org.item2vec.streaming.topology.TopologyMetrics;

/**
 * The streaming application: creates missing topics, runs the {@link SessionTopology} with exactly-once
 * processing, serves {@code /health} and {@code /metrics}, and logs a status line at a fixed interval.
 */
public final class StreamingApp implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final StreamingConfig config;
    private final Consumer<String> log;
    private final Metrics metrics = new Metrics("item2vec_streaming");
    private final TopologyMetrics topologyMetrics = new TopologyMetrics(metrics);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private KafkaStreams streams;
    private StatusServer status;
    private PeriodicReport report;

    public StreamingApp(StreamingConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /**
     * Starts processing and returns; {@link #awaitStop()} blocks until the application stops.
     *
     * @throws KafkaUnavailableException when Kafka cannot be reached to set up the topics
     * @throws IOException               when the status port cannot be bound
     */
    public void start() throws InterruptedException, IOException {
        List<String> created = TopicSetup.ensureTopics(config, config.setupTimeout());
        if (!created.isEmpty()) {
            log.accept("created topics " + created);
        }
        LongSupplier wallClock = System::currentTimeMillis;
        streams = new KafkaStreams(SessionTopology.build(config, topologyMetrics, wallClock), streamsProperties());
        streams.setUncaughtExceptionHandler(error -> {
            // Bad input never throws (it becomes a dead letter); what reaches here is a fault of the
            // environment or a bug, and a clean stop with the reason beats a thread restarting in a loop.
            log.accept("stopping after an unexpected error: " + error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        metrics.gauge("running", "1 while the topology is running or rebalancing",
                () -> streams.state().isRunningOrRebalancing() ? 1 : 0);
        if (config.statusPort() >= 0) {
            status = new StatusServer(config.statusPort(), metrics, this::health);
        }
        report = new PeriodicReport(config.reportInterval(),
                new LongSupplier[] {topologyMetrics::clicks, topologyMetrics::sessions, topologyMetrics::deadLetters},
                rates -> String.format(Locale.ROOT,
                        "streaming: %.1f events/s, %.2f sessions/s, %d dead letters (%d in total), state %s",
                        rates.perSecond(0), rates.perSecond(1),
                        rates.delta(2), rates.total(2),
                        streams.state()),
                log);
        streams.start();
        log.accept("streaming: reading " + config.topics().clicks() + " from " + config.bootstrapServers()
                + (status == null ? "" : ", health and metrics on port " + status.port()));
    }

    private Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replication());
        props.putAll(config.streamsOverrides());
        return props;
    }

    private StatusServer.Health health() {
        KafkaStreams.State state = streams.state();
        return new StatusServer.Health(state.isRunningOrRebalancing(), "kafka streams " + state);
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /** The port of the health and metrics endpoint, or -1 when it is off. */
    public int statusPort() {
        return status == null ? -1 : status.port();
    }

    /** Blocks until the topology stops (after {@link #close()} or a fatal error). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops processing, committing what was processed, and releases the ports and threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (streams != null) {
            // Leaving the group hands the partitions over at once; otherwise a restarted instance waits for
            // the broker to time the old member out (45 s by default) before processing resumes.
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
        }
        if (report != null) {
            report.close();
        }
        if (status != null) {
            status.close();
        }
        stopped.countDown();
        if (streams == null) {
            return;
        }
        log.accept("streaming: stopped after " + topologyMetrics.clicks() + " events, "
                + topologyMetrics.sessions() + " sessions, " + topologyMetrics.deadLetters() + " dead letters");
    }
}
