package org.item2vec.streaming.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.item2vec.streaming.config.StreamingConfig;
import org.item2vec.service.config.Topics;

/**
 * Creates the application's input and output topics when they do not exist yet, with sensible settings:
 * {@code listings}, {@code item-counts} and {@code experiment-stats} compacted (latest value per key),
 * {@code sessions} kept long enough for the nightly retrain. Existing topics are left as they are.
 */
public final class TopicSetup {
    private static final Duration SESSIONS_RETENTION = Duration.ofDays(90);
    private static final Duration UPDATES_RETENTION = Duration.ofDays(7);
    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    private TopicSetup() {
    }

    /**
     * @return the topics that were created
     * @throws KafkaUnavailableException when the brokers cannot be reached within {@code timeout}
     */
    public static List<String> ensureTopics(StreamingConfig config, Duration timeout) throws InterruptedException {
        Topics topics = config.topics();
        List<NewTopic> wanted = List.of(
                topic(config, topics.clicks(), Map.of()),
                topic(config, topics.listings(), compacted()),
                topic(config, topics.deadLetters(), retention(DEAD_LETTER_RETENTION)),
                topic(config, topics.sessions(), retention(SESSIONS_RETENTION)),
                topic(config, topics.sessionUpdates(), retention(UPDATES_RETENTION)),
                topic(config, topics.itemCounts(), compacted()),
                topic(config, topics.impressions(), Map.of()),
                topic(config, topics.impressionDeadLetters(), retention(DEAD_LETTER_RETENTION)),
                topic(config, topics.experimentStats(), compacted()));
        try (Admin admin = Admin.create(adminConfig(config, timeout))) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : wanted) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof TopicExistsException) {
                return List.of(); // another instance created them at the same moment
            }
            throw new KafkaUnavailableException("cannot set up topics on Kafka at " + config.bootstrapServers()
                    + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        }
    }

    /**
     * The least {@code message.timestamp.after.max.ms} of the topics the session topology writes event times to:
     * the brokers refuse records timestamped further ahead than this.
     *
     * @throws KafkaUnavailableException when the brokers cannot be reached within {@code timeout}
     */
    public static Duration futureTimestampLimit(StreamingConfig config, Duration timeout) throws InterruptedException {
        Topics topics = config.topics();
        List<ConfigResource> written = List.of(topics.sessions(), topics.sessionUpdates(), topics.itemCounts(),
                        topics.deadLetters()).stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminConfig(config, timeout))) {
            while (true) {
                try {
                    Map<ConfigResource, Config> configs =
                            admin.describeConfigs(written).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    return Duration.ofMillis(configs.values().stream()
                            .map(topic -> topic.get(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG))
                            .filter(entry -> entry != null && entry.value() != null)
                            .mapToLong(entry -> Long.parseLong(entry.value()))
                            .min()
                            .orElse(Long.MAX_VALUE));
                } catch (ExecutionException e) {
                    // Topics created a moment ago may not be known to every part of the broker yet; Kafka itself
                    // was reachable a moment ago, when the topics were set up.
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100); // interval between attempts
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new KafkaUnavailableException("cannot read topic settings on Kafka at " + config.bootstrapServers()
                    + ": " + cause);
        }
    }

    private static Map<String, Object> adminConfig(StreamingConfig config, Duration timeout) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
    }

    private static NewTopic topic(StreamingConfig config, String name, Map<String, String> settings) {
        return new NewTopic(name, config.partitions(), config.replication()).configs(settings);
    }

    private static Map<String, String> compacted() {
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    private static Map<String, String> retention(Duration duration) {
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(duration.toMillis()));
    }
}
