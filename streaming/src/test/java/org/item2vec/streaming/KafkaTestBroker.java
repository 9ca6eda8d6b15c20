package org.item2vec.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.item2vec.broker.EmbeddedKafka;

/**
 * One real Kafka broker in the test JVM, started on first use and shared by every test class: a start
 * costs seconds, so tests isolate themselves by topic names and application ids rather than by brokers.
 */
public final class KafkaTestBroker {
    private static EmbeddedKafka kafka;

    private KafkaTestBroker() {
    }

    /** The bootstrap address of the shared broker, starting it if needed. */
    public static synchronized String bootstrapServers() {
        if (kafka == null) {
            try {
                kafka = EmbeddedKafka.start(Files.createTempDirectory("kafka"), 0, 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test Kafka broker", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-test-broker-stop"));
        }
        return kafka.bootstrapServers();
    }
}
