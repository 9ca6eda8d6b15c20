package org.item2vec.trainer.retrain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.item2vec.events.json.BadMessageException;
import org.item2vec.events.messages.FinishedSession;
import org.item2vec.events.messages.Listing;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.trainer.live.PartitionOffsets;

/**
 * Reads the retained session history from Kafka: the {@code sessions} topic from the beginning (or from the
 * start of the configured history) up to the end offsets taken when the job starts, so that the job reads a
 * fixed range however much arrives meanwhile, and the listings up to their end offsets. It also records the
 * end offsets of {@code session-updates}: the live trainer replays from there after rebasing onto the result.
 */
final class SessionHistoryReader {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int REPORTED_BAD_MESSAGES = 5;

    /** What was read, and the offsets the job stands on. */
    record Read(SessionHistory history, List<Listing> listings, Map<String, Long> endOffsets, long badMessages,
                long startedAtMs) {
    }

    private final RetrainConfig config;
    private final Consumer<String> log;

    SessionHistoryReader(RetrainConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    Read read() {
        long startedAt = System.currentTimeMillis();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> sessions = partitions(consumer, config.topics().sessions(), true);
            List<TopicPartition> updates = partitions(consumer, config.topics().sessionUpdates(), false);
            List<TopicPartition> listings = partitions(consumer, config.topics().listings(), false);
            List<TopicPartition> all = new ArrayList<>(sessions);
            all.addAll(updates);
            all.addAll(listings);
            Map<TopicPartition, Long> ends = consumer.endOffsets(all, config.kafkaTimeout());

            SessionHistory history = new SessionHistory();
            long[] bad = new long[1];
            readRange(consumer, startOffsets(consumer, sessions, ends, startedAt), ends, record -> {
                try {
                    FinishedSession session = FinishedSession.fromJson(record.value());
                    history.add(session.items(), session.booked(), session.market(),
                            session.endMs() >= 0 ? session.endMs() : record.timestamp(), record.partition(),
                            record.offset());
                } catch (BadMessageException e) {
                    if (++bad[0] <= REPORTED_BAD_MESSAGES) {
                        log.accept("retrain: skipped " + record.topic() + "-" + record.partition() + "@"
                                + record.offset() + ": " + e.getMessage());
                    }
                }
            }, "sessions", () -> history.sessions().size());

            Map<String, Listing> listingByItem = new LinkedHashMap<>();
            readRange(consumer, consumer.beginningOffsets(listings, config.kafkaTimeout()), ends, record -> {
                if (record.value() == null) {
                    listingByItem.remove(record.key()); // a tombstone: the listing was withdrawn
                    return;
                }
                try {
                    Listing listing = Listing.fromJson(record.value());
                    listingByItem.put(listing.item(), listing);
                } catch (BadMessageException e) {
                    bad[0]++;
                }
            }, "listings", listingByItem::size);

            Map<String, Long> endOffsets = new LinkedHashMap<>();
            ends.forEach((partition, end) -> endOffsets.put(PartitionOffsets.key(partition.topic(),
                    partition.partition()), end));
            return new Read(history, new ArrayList<>(listingByItem.values()), endOffsets, bad[0], startedAt);
        } catch (KafkaException e) {
            throw unreachable(e);
        }
    }

    private Properties properties() {
        Properties props = KafkaSettings.readCommitted(config.bootstrapServers(), 5000);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.kafkaTimeout().toMillis());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "item2vec-retrain");
        return props;
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic, boolean required) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, config.kafkaTimeout());
        if (infos == null || infos.isEmpty()) {
            if (required) {
                throw new RetrainException("topic '" + topic + "' does not exist on " + config.bootstrapServers()
                        + ": there is no session history to retrain from");
            }
            return List.of();
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** The beginning, or the first offset of the configured history (the end when nothing is that recent). */
    private Map<TopicPartition, Long> startOffsets(KafkaConsumer<String, byte[]> consumer,
                                                   List<TopicPartition> partitions, Map<TopicPartition, Long> ends,
                                                   long now) {
        Map<TopicPartition, Long> starts = new HashMap<>(consumer.beginningOffsets(partitions,
                config.kafkaTimeout()));
        if (config.history() != null) {
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(p -> since.put(p, now - config.history().toMillis()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(since, config.kafkaTimeout());
            partitions.forEach(p -> starts.put(p, found.get(p) == null ? ends.get(p) : found.get(p).offset()));
        }
        return starts;
    }

    /** Reads each partition from its start to its end offset (exclusive). */
    private void readRange(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> starts,
                           Map<TopicPartition, Long> ends, Consumer<ConsumerRecord<String, byte[]>> action,
                           String what, LongSupplier done) {
        List<TopicPartition> pending = new ArrayList<>();
        long total = 0;
        for (Map.Entry<TopicPartition, Long> start : starts.entrySet()) {
            long end = ends.get(start.getKey());
            if (start.getValue() < end) {
                pending.add(start.getKey());
                total += end - start.getValue();
            }
        }
        consumer.assign(pending);
        pending.forEach(p -> consumer.seek(p, starts.get(p)));
        long read = 0;
        long lastReport = System.nanoTime();
        long lastProgress = lastReport;
        while (!pending.isEmpty()) {
            int polled = 0;
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < ends.get(partition)) {
                    action.accept(record);
                    read++;
                    polled++;
                }
            }
            // Positions, not record offsets, tell when a partition is done: transaction markers take offsets too.
            pending.removeIf(p -> consumer.position(p) >= ends.get(p));
            consumer.pause(consumer.assignment().stream().filter(p -> !pending.contains(p)).toList());
            long now = System.nanoTime();
            if (polled > 0) {
                lastProgress = now;
            } else if (now - lastProgress > config.kafkaTimeout().toNanos()) {
                throw new RetrainException("Kafka at " + config.bootstrapServers() + " sent nothing for "
                        + config.kafkaTimeout().toSeconds() + " s while " + pending.size() + " partitions of "
                        + what + " were still unread");
            }
            if (now - lastReport >= config.reportInterval().toNanos()) {
                log.accept(String.format(Locale.ROOT, "retrain: reading %s: %,d of %,d messages (%.0f %%), %,d kept",
                        what, read, total, total == 0 ? 100.0 : 100.0 * read / total, done.getAsLong()));
                lastReport = now;
            }
        }
        consumer.unsubscribe();
        log.accept(String.format(Locale.ROOT, "retrain: read %,d %s messages, %,d kept", read, what,
                done.getAsLong()));
    }

    private RetrainException unreachable(KafkaException e) {
        return new RetrainException("cannot read the session history from Kafka at " + config.bootstrapServers()
                + ": " + e.getMessage(), e);
    }
}
