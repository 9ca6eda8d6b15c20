package org.item2vec.service.config;

/** Where the services find Kafka: one key and one default for all of them. */
public final class KafkaSettings {
    public static final String BOOTSTRAP_SERVERS_KEY = "item2vec.kafka.bootstrap-servers";
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    private KafkaSettings() {
    }

    public static String bootstrapServers(Settings settings) {
        return settings.string(BOOTSTRAP_SERVERS_KEY, DEFAULT_BOOTSTRAP_SERVERS);
    }
}
