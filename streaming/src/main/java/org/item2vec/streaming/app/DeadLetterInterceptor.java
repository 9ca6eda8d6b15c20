package org.item2vec.streaming.app;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.item2vec.streaming.events.DeadLetter;
import org.item2vec.streaming.events.RejectReason;
import org.item2vec.streaming.topology.DeadLetterWriter;

/**
 * Sends a record the broker refused before to the dead-letter topic instead of its own, as a dead letter with
 * reason {@code refused_by_broker}, the broker's answer and the topic it was for. It is installed on the Kafka
 * Streams producer, so the dead letter is part of the same exactly-once transaction as the rest of the work.
 */
public final class DeadLetterInterceptor implements ProducerInterceptor<byte[], byte[]> {
    private DeadLetterRoutes routes;

    @Override
    public void configure(Map<String, ?> configs) {
        routes = DeadLetterHandler.routes(configs);
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        String refusal = routes.refused().refusal(record);
        if (refusal == null) {
            return record;
        }
        routes.counter().accept(RejectReason.REFUSED_BY_BROKER);
        DeadLetter dead = new DeadLetter(record.value(), RejectReason.REFUSED_BY_BROKER.code(),
                "topic " + record.topic() + " refused this record: " + refusal);
        return new ProducerRecord<>(routes.fallback(), null, null, record.key(),
                DeadLetterWriter.cut(record.value()), DeadLetterWriter.headers(record.headers(), dead, null));
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        // Nothing to do: refusals reach the production exception handler.
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
