package org.item2vec.service.config;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Where the services find Kafka, and how they read it: one key, one default and one consumer setup for all. */
public final class KafkaSettings {
    public static final String BOOTSTRAP_SERVERS_KEY = "item2vec.kafka.bootstrap-servers";
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    private KafkaSettings() {
    }

    public static String bootstrapServers(SettingSource settings) {
        return settings.string(BOOTSTRAP_SERVERS_KEY, DEFAULT_BOOTSTRAP_SERVERS);
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
