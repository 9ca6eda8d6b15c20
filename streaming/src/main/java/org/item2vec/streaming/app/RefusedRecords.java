package org.item2vec.streaming.app;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The records a broker refused, remembered so that they are not sent again.
 *
 * <p>Under exactly-once a refused record fails the whole transaction it was written in: nothing of it, a dead
 * letter included, can be committed. The stream thread is replaced, the transaction's input is processed again
 * and produces the same record; this time {@link DeadLetterInterceptor} sends it to the dead-letter topic
 * instead, within the new transaction. Records are known by topic, key and value; the memory keeps the latest
 * {@link #CAPACITY}.
 */
final class RefusedRecords {
    static final int CAPACITY = 10_000;

    private final Map<Fingerprint, String> refused = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Fingerprint, String> eldest) {
                    return size() > CAPACITY;
                }
            });
    private final AtomicBoolean refusedSinceAsked = new AtomicBoolean();

    /** Remembers a refused record with what the broker said. */
    void remember(ProducerRecord<byte[], byte[]> record, Exception refusal) {
        refused.put(Fingerprint.of(record), refusal.toString());
        refusedSinceAsked.set(true);
    }

    /** Why the broker refused this record before, or {@code null} when it did not. */
    String refusal(ProducerRecord<byte[], byte[]> record) {
        return refused.isEmpty() ? null : refused.get(Fingerprint.of(record));
    }

    /** Whether a record was refused since the last call: then a failed transaction is worth processing again. */
    boolean refusedSinceAsked() {
        return refusedSinceAsked.getAndSet(false);
    }

    private record Fingerprint(String topic, int keyHash, int valueHash, int valueLength) {
        static Fingerprint of(ProducerRecord<byte[], byte[]> record) {
            byte[] value = record.value();
            return new Fingerprint(record.topic(), Arrays.hashCode(record.key()), Arrays.hashCode(value),
                    value == null ? -1 : value.length);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Fingerprint that && topic.equals(that.topic) && keyHash == that.keyHash
                    && valueHash == that.valueHash && valueLength == that.valueLength;
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, keyHash, valueHash, valueLength);
        }
    }
}
