package org.item2vec.api.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Where the API finds Kafka, under the key the streaming and trainer services read too
 * ({@code item2vec.kafka.bootstrap-servers}, {@code ITEM2VEC_KAFKA_BOOTSTRAP_SERVERS}).
 */
@ConfigurationProperties("item2vec.kafka")
public record KafkaSettings(String bootstrapServers) {
}
