package org.item2vec.streaming.app;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.item2vec.service.config.Topics;
import org.item2vec.service.status.Metrics;
import org.item2vec.service.status.PeriodicReport;
import org.item2vec.service.status.StatusServer;
import org.item2vec.streaming.attribution.AttributionMetrics;
import org.item2vec.streaming.attribution.AttributionTopology;
import org.item2vec.streaming.config.StreamingConfig;
import org.item2vec.streaming.topology.SessionTopology;
import org.item2vec.streaming.topology.TopologyMetrics;

/**
 * The streaming application: creates missing topics, runs the {@link SessionTopology} and, unless it is turned
 * off, the {@link AttributionTopology}, each as its own Kafka Streams instance (own application id, offsets and
 * state) with exactly-once processing; serves {@code /health} and {@code /metrics}, and logs a status line at a
 * fixed interval. Health is down, and {@link #awaitStop()} returns, as soon as either topology stops.
 */
public final class StreamingApp implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private StreamingConfig config;
    private final Consumer<String> log;
    private final Metrics metrics = new Metrics("item2vec_streaming");
    private final TopologyMetrics topologyMetrics = new TopologyMetrics(metrics);
    private final AttributionMetrics attributionMetrics = new AttributionMetrics(metrics);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private KafkaStreams sessions;
    private KafkaStreams attribution;
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
        config = withinBrokerTimestampLimit(config);
        LongSupplier wallClock = System::currentTimeMillis;
        Topics topics = config.topics();
        sessions = streams("sessions", SessionTopology.build(config, topologyMetrics, wallClock),
                config.applicationId(), new DeadLetterRoutes(Map.of(topics.clicks(), topics.deadLetters()),
                        topics.deadLetters(), topologyMetrics::rejected, log));
        metrics.gauge("running", "1 while the session topology is running or rebalancing",
                () -> sessions.state().isRunningOrRebalancing() ? 1 : 0);
        if (config.attribution().enabled()) {
            // What fails after impressions and clicks are merged has no source topic of its own: it goes with the
            // impressions', since the session topology dead-letters every click it cannot use already.
            attribution = streams("attribution", AttributionTopology.build(config, attributionMetrics, wallClock),
                    config.attribution().applicationId(), new DeadLetterRoutes(
                            Map.of(topics.impressions(), topics.impressionDeadLetters(),
                                    topics.clicks(), topics.deadLetters()),
                            topics.impressionDeadLetters(), attributionMetrics::deadLetter, log));
            metrics.gauge("attribution_running", "1 while the attribution topology is running or rebalancing",
                    () -> attribution.state().isRunningOrRebalancing() ? 1 : 0);
        }
        if (config.statusPort() >= 0) {
            status = new StatusServer(config.statusPort(), metrics, this::health);
        }
        report = new PeriodicReport(config.reportInterval(),
                new LongSupplier[] {topologyMetrics::clicks, topologyMetrics::sessions, topologyMetrics::deadLetters,
                    attributionMetrics::impressions, attributionMetrics::attributedClicks,
                    attributionMetrics::badImpressions},
                this::statusLine,
                log);
        sessions.start();
        if (attribution != null) {
            attribution.start();
        }
        log.accept("streaming: reading " + config.topics().clicks()
                + (attribution == null ? "" : " and " + config.topics().impressions())
                + " from " + config.bootstrapServers()
                + (status == null ? "" : ", health and metrics on port " + status.port()));
    }

    /**
     * The configuration with a future skew the brokers accept: a click trusted further ahead than they take
     * records would be refused when written on, which under exactly-once fails the whole transaction.
     */
    private StreamingConfig withinBrokerTimestampLimit(StreamingConfig wanted) throws InterruptedException {
        Duration limit = TopicSetup.futureTimestampLimit(wanted, wanted.setupTimeout());
        Duration skew = wanted.limits().maxFutureSkew();
        if (skew.compareTo(limit) < 0) {
            return wanted;
        }
        Duration lowered = limit.dividedBy(2);
        log.accept("item2vec.clicks.max-future-skew " + skew + " lowered to " + lowered + ": the brokers refuse "
                + "records timestamped more than " + limit + " ahead (message.timestamp.after.max.ms)");
        return wanted.withLimits(wanted.limits().withMaxFutureSkew(lowered));
    }

    /** One topology's Kafka Streams instance, which stops the application when it stops. */
    private KafkaStreams streams(String name, Topology topology, String applicationId, DeadLetterRoutes deadLetters) {
        KafkaStreams streams = new KafkaStreams(topology, streamsProperties(applicationId, deadLetters));
        streams.setUncaughtExceptionHandler(error -> {
            if (deadLetters.refused().refusedSinceAsked()) {
                // A record the broker refused lost its transaction: processed again, it becomes a dead letter.
                log.accept("the " + name + " processes its input again after the broker refused a record: " + error);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            // Bad input never throws (it becomes a dead letter or a metric); what reaches here is a fault of the
            // environment or a bug, and a clean stop with the reason beats a thread restarting in a loop.
            log.accept("stopping the " + name + " after an unexpected error: " + error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        return streams;
    }

    private Properties streamsProperties(String applicationId, DeadLetterRoutes deadLetters) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        // Both instances share the directory: Kafka Streams keeps each application's state under its id.
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replication());
        // No record may stop the application: what the broker refuses or a processor fails on becomes a dead letter.
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(DeadLetterHandler.ROUTES_CONFIG, deadLetters);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
                DeadLetterInterceptor.class.getName());
        props.put(StreamsConfig.producerPrefix(DeadLetterHandler.ROUTES_CONFIG), deadLetters);
        props.putAll(config.streamsOverrides());
        return props;
    }

    private String statusLine(PeriodicReport.Rates rates) {
        String line = String.format(Locale.ROOT,
                "streaming: %.1f events/s, %.2f sessions/s, %d dead letters (%d in total), state %s",
                rates.perSecond(0), rates.perSecond(1), rates.delta(2), rates.total(2), sessions.state());
        if (attribution == null) {
            return line;
        }
        return line + String.format(Locale.ROOT,
                "; attribution: %.1f impressions/s, %d attributed clicks, %d bad impressions (%d in total), state %s",
                rates.perSecond(3), rates.delta(4), rates.delta(5), rates.total(5), attribution.state());
    }

    private StatusServer.Health health() {
        KafkaStreams.State sessionsState = sessions.state();
        if (attribution == null) {
            return new StatusServer.Health(sessionsState.isRunningOrRebalancing(), "sessions " + sessionsState);
        }
        KafkaStreams.State attributionState = attribution.state();
        return new StatusServer.Health(
                sessionsState.isRunningOrRebalancing() && attributionState.isRunningOrRebalancing(),
                "sessions " + sessionsState + ", attribution " + attributionState);
    }

    /**
     * The application's state: {@link KafkaStreams.State#ERROR} when the attribution topology failed, otherwise the
     * session topology's state.
     */
    public KafkaStreams.State state() {
        if (sessions == null) {
            return KafkaStreams.State.CREATED;
        }
        if (attribution != null && attribution.state() == KafkaStreams.State.ERROR) {
            return KafkaStreams.State.ERROR;
        }
        return sessions.state();
    }

    /** The port of the health and metrics endpoint, or -1 when it is off. */
    public int statusPort() {
        return status == null ? -1 : status.port();
    }

    /** Blocks until a topology stops (after {@link #close()} or a fatal error). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops processing, committing what was processed, and releases the ports and threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        close(attribution);
        close(sessions);
        if (report != null) {
            report.close();
        }
        if (status != null) {
            status.close();
        }
        stopped.countDown();
        if (sessions == null) {
            return;
        }
        log.accept("streaming: stopped after " + topologyMetrics.clicks() + " events, "
                + topologyMetrics.sessions() + " sessions, " + topologyMetrics.deadLetters() + " dead letters"
                + (attribution == null ? "" : ", " + attributionMetrics.impressions() + " impressions, "
                        + attributionMetrics.attributedClicks() + " attributed clicks, "
                        + attributionMetrics.badImpressions() + " bad impressions"));
    }

    private static void close(KafkaStreams streams) {
        if (streams != null) {
            // Leaving the group hands the partitions over at once; otherwise a restarted instance waits for
            // the broker to time the old member out (45 s by default) before processing resumes.
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
        }
    }
}
