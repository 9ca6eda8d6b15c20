package org.item2vec.streaming;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.item2vec.events.sessions.ClickEvent;

/**
 * Publishes a click log as the clients users have would: without keys, keyed by user with the Java client's
 * partitioner, or keyed by user on the partition kcat's default partitioner (librdkafka's CRC32
 * {@code consistent_random}) picks.
 */
public enum ClickPublisher {
    UNKEYED, JAVA_KEYED, CRC32_KEYED;

    /** Sends every click in the given order as fast as the producer goes, and waits until all are written. */
    public void publish(String bootstrapServers, String topic, int partitions, List<ClickEvent> clicks) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // Right after the topics are created, the idempotent producer can loop on
                // OUT_OF_ORDER_SEQUENCE_NUMBER; one request in flight keeps the order without it.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new StringSerializer())) {
            clicks.forEach(click -> producer.send(record(topic, partitions, click)));
            producer.flush();
        }
    }

    public ProducerRecord<String, String> record(String topic, int partitions, ClickEvent click) {
        String json = SyntheticClicks.json(click);
        return switch (this) {
            case UNKEYED -> new ProducerRecord<>(topic, null, json);
            case JAVA_KEYED -> new ProducerRecord<>(topic, click.user(), json);
            case CRC32_KEYED -> new ProducerRecord<>(topic, crc32Partition(click.user(), partitions), click.user(), json);
        };
    }

    private static int crc32Partition(String key, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }
}
