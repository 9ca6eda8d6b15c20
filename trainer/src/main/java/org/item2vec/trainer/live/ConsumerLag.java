package org.item2vec.trainer.live;

import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** How many records wait in Kafka behind a consumer's positions. */
final class ConsumerLag {
    private ConsumerLag() {
    }

    /** The records between {@code consumer}'s positions and the ends of its assigned partitions. */
    static long of(KafkaConsumer<?, ?> consumer) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        long total = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            total += Math.max(0, end.getValue() - consumer.position(end.getKey()));
        }
        return total;
    }
}
