package org.item2vec.api.experiment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.item2vec.events.json.BadMessageException;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.experiment.events.ExperimentMessages;
import org.item2vec.service.config.KafkaSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attribution job's latest counts per experiment, read by one background thread from the compacted
 * counts topic: every partition from the beginning (no consumer group: each API instance needs all of it),
 * committed records only, the last record of a key winning. While Kafka or the topic is missing the thread
 * keeps trying, and reports have no counts yet. The thread starts when first needed, so an API without
 * experiments never tries to reach Kafka.
 */
public final class ExperimentCountsFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentCountsFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    /** An experiment's counts and when the job published them. */
    public record Latest(ExperimentCounts counts, Instant publishedAt) {
    }

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Latest> latest = new ConcurrentHashMap<>();
    private final Counter badRecords;
    private final Thread reader;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closing;

    public ExperimentCountsFeed(String bootstrapServers, String topic, MeterRegistry meters) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers));
        this.badRecords = Counter.builder("item2vec.experiment.counts.bad").description(
                "records of the counts topic that could not be read").register(meters);
        this.reader = new Thread(this::readLoop, "experiment-counts");
        reader.setDaemon(true);
    }

    /** Starts following the topic, once; later calls do nothing. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            reader.start();
        }
    }

    private static Properties consumerProperties(String bootstrapServers) {
        Properties props = KafkaSettings.readCommitted(bootstrapServers, ConsumerConfig.DEFAULT_MAX_POLL_RECORDS);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "item2vec-api-experiment-counts");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The topic is compacted: created by the streaming service, never by a reader asking for it.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return props;
    }

    public Optional<Latest> latest(String experiment) {
        return Optional.ofNullable(latest.get(experiment));
    }

    private void readLoop() {
        try {
            assignWhenTheTopicExists();
            while (!closing) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    take(record);
                }
            }
        } catch (WakeupException e) {
            // close() woke the thread up to stop it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("stopped reading experiment counts from {}: {}", topic, e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void assignWhenTheTopicExists() throws InterruptedException {
        boolean told = false;
        while (!closing) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic, RETRY);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                partitions = List.of();
            }
            if (partitions != null && !partitions.isEmpty()) {
                consumer.assign(partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList());
                consumer.seekToBeginning(consumer.assignment());
                LOG.info("reading experiment counts from {} ({} partitions)", topic, partitions.size());
                return;
            }
            if (!told) {
                LOG.info("waiting for the experiment counts topic {} (the streaming service's attribution job "
                        + "creates it)", topic);
                told = true;
            }
            Thread.sleep(RETRY.toMillis());
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                latest.remove(record.key());
            }
            return;
        }
        try {
            ExperimentCounts counts = ExperimentMessages.counts(record.value());
            latest.put(counts.experiment(), new Latest(counts, Instant.ofEpochMilli(record.timestamp())));
        } catch (BadMessageException e) {
            badRecords.increment();
            LOG.warn("skipping record {} of {}-{}: {}", record.offset(), topic, record.partition(), e.getMessage());
        }
    }

    @Override
    public void close() {
        closing = true;
        if (!started.get()) {
            consumer.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        try {
            reader.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
