package org.item2vec.streaming;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real Kafka broker (KRaft, broker and controller in one node) in the test JVM, started on first use
 * and shared by every test class: a cold start costs seconds, so tests isolate themselves by topic names
 * and application ids rather than by brokers.
 */
public final class KafkaTestBroker {
    private static KafkaClusterTestKit cluster;

    private KafkaTestBroker() {
    }

    /** The bootstrap address of the shared broker, starting it if needed. */
    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = start();
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaTestBroker::stop, "kafka-test-broker-stop"));
        }
        return cluster.bootstrapServers();
    }

    private static KafkaClusterTestKit start() {
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    // A single broker cannot hold the default three replicas of Kafka's internal topics.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test Kafka broker", e);
        }
    }

    private static synchronized void stop() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } catch (Exception e) {
            // The JVM is exiting; a broker that fails to close cleanly leaves only files under target/.
        }
    }
}
