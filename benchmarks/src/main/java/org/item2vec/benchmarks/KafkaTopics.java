package org.item2vec.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** What the benchmarks ask a broker about its topics: an admin client, and how many messages a topic holds. */
final class KafkaTopics {
    private KafkaTopics() {
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000));
    }

    /** Creates those of {@code topics} the broker does not have yet; returns their names. */
    static List<String> createMissing(String bootstrap, List<NewTopic> topics)
            throws InterruptedException, ExecutionException {
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            admin.createTopics(missing).all().get();
            return missing.stream().map(NewTopic::name).toList();
        }
    }

    /** Messages in a topic, from its partitions' beginning and end offsets; -1 when it does not exist. */
    static long messages(String bootstrap, String topic) throws InterruptedException, ExecutionException {
        try (Admin admin = admin(bootstrap)) {
            if (!admin.listTopics().names().get().contains(topic)) {
                return -1;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().forEach(p -> {
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            });
            long total = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                total += end.getValue().offset();
            }
            for (var start : admin.listOffsets(earliest).all().get().entrySet()) {
                total -= start.getValue().offset();
            }
            return total;
        }
    }
}
