package org.item2vec.trainer.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** The trainer's input topics, which the streaming application creates: waited for, then assigned. */
final class InputTopics {
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(2);

    private InputTopics() {
    }

    /**
     * Assigns every partition of {@code topics} to {@code consumer} once they all exist, saying what it waits
     * for; gives up, assigning what it has, when {@code stopping} turns true.
     */
    static void assignWhenPresent(KafkaConsumer<?, ?> consumer, List<String> topics, String bootstrapServers,
                                  BooleanSupplier stopping, Consumer<String> log) {
        List<TopicPartition> partitions = new ArrayList<>();
        while (!stopping.getAsBoolean()) {
            partitions.clear();
            Map<String, List<PartitionInfo>> existing = consumer.listTopics();
            List<String> missing = topics.stream().filter(t -> !existing.containsKey(t)).toList();
            if (missing.isEmpty()) {
                topics.forEach(t -> existing.get(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
                break;
            }
            log.accept("trainer: waiting for topics " + missing + " on " + bootstrapServers);
            sleep(TOPIC_WAIT);
        }
        consumer.assign(partitions);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
