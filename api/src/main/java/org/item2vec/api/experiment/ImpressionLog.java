package org.item2vec.api.experiment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.item2vec.experiment.events.ExperimentMessages;
import org.item2vec.experiment.events.Impression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes impressions to Kafka without ever holding up a request. A request only offers its impression to a
 * bounded buffer, which never blocks; one sender thread hands the buffer's contents to the Kafka producer,
 * whose {@code send} may block while the broker is unreachable. When the buffer is full the impression is
 * dropped, and every outcome is counted ({@code item2vec.impressions} by {@code outcome}: sent, dropped,
 * failed), so lost exposures show up in the metrics rather than as a silently skewed experiment.
 */
public final class ImpressionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImpressionLog.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final long DRAIN_INTERVAL_MS = 50;

    private final String topic;
    private final BlockingQueue<Impression> buffer;
    private final Producer<String, byte[]> producer;
    private final Thread sender;
    private final Counter sent;
    private final Counter dropped;
    private final Counter failed;
    /** One callback for every record, rather than one allocated per send. */
    private final Callback acknowledgement = this::acknowledged;
    private volatile boolean closing;

    public ImpressionLog(String bootstrapServers, String topic, int capacity, Duration sendTimeout,
                         MeterRegistry meters) {
        this.topic = topic;
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers, sendTimeout));
        this.sent = outcome(meters, "sent", "impressions acknowledged by Kafka");
        this.dropped = outcome(meters, "dropped", "impressions dropped because the buffer was full");
        this.failed = outcome(meters, "failed", "impressions Kafka did not take");
        meters.gauge("item2vec.impressions.buffered", buffer, BlockingQueue::size);
        this.sender = new Thread(this::sendLoop, "impression-sender");
        sender.setDaemon(true);
        sender.start();
    }

    private static Properties producerProperties(String bootstrapServers, Duration sendTimeout) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "item2vec-api-impressions");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // No one waits for an impression, and each produce request costs the producer's and the broker's threads
        // a wake-up on machines the API shares: ten large batches a second rather than fifty small ones.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 100);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis());
        return props;
    }

    private static Counter outcome(MeterRegistry meters, String outcome, String description) {
        return Counter.builder("item2vec.impressions").tag("outcome", outcome).description(description)
                .register(meters);
    }

    /** Queues the impression for sending; returns at once, whatever the state of Kafka. */
    public void log(Impression impression) {
        if (closing || !buffer.offer(impression)) {
            dropped.increment();
        }
    }

    /**
     * Takes what the buffer holds twenty times a second rather than waiting on it: a sender woken by each
     * offered impression costs the request threads a context switch apiece, which showed at p99 under load.
     * The producer batches for longer than this anyway; the buffer holds far more than an interval's worth.
     */
    private void sendLoop() {
        List<Impression> batch = new ArrayList<>();
        while (!closing || !buffer.isEmpty()) {
            buffer.drainTo(batch);
            batch.forEach(this::send);
            batch.clear();
            try {
                Thread.sleep(DRAIN_INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void send(Impression impression) {
        try {
            producer.send(new ProducerRecord<>(topic, impression.user(), ExperimentMessages.toJson(impression)),
                    acknowledgement);
        } catch (RuntimeException e) {
            countFailure(e);
        }
    }

    private void acknowledged(RecordMetadata metadata, Exception error) {
        if (error == null) {
            sent.increment();
        } else {
            countFailure(error);
        }
    }

    private void countFailure(Exception error) {
        failed.increment();
        // One line per failure would flood the log while Kafka is away; the counter has the number.
        if (failed.count() == 1 || (long) failed.count() % 1000 == 0) {
            LOG.warn("{} impressions not published to {} so far; latest: {}", (long) failed.count(), topic,
                    error.toString());
        }
    }

    /** Sends what is buffered (waiting at most a few seconds), then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            sender.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        // What the sender could not hand over in time (Kafka away) is lost: counted, not silently gone.
        dropped.increment(buffer.size());
        buffer.clear();
        producer.close(CLOSE_TIMEOUT);
    }
}
