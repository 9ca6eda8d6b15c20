package org.item2vec.trainer.messages;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** How the trainers read the topics the streaming application writes, and name their offsets. */
public final class TopicConsumers {
    private TopicConsumers() {
    }

    /**
     * The key of a partition's offset in the offsets the trainers keep and the manifests record: the live trainer
     * resumes a published version from these, so every writer and reader must spell them alike.
     */
    public static String offsetKey(String topic, int partition) {
        return topic + ":" + partition;
    }

    /**
     * A consumer that commits nothing to Kafka (the reader keeps its own offsets) and reads only committed
     * records: the streaming application writes in transactions.
     */
    public static Properties readCommitted(String bootstrapServers, int maxPollRecords) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        return props;
    }
}
