package org.item2vec.streaming.app;

import java.util.Map;
import java.util.function.Consumer;
import org.item2vec.streaming.events.RejectReason;

/**
 * Where one Kafka Streams application's failed records go, and what counts them: handed to its
 * {@link DeadLetterHandler} through the Streams configuration under {@link DeadLetterHandler#ROUTES_CONFIG}.
 *
 * @param bySourceTopic the dead-letter topic for records that came from each input topic
 * @param fallback      the dead-letter topic for the rest (records a punctuation made, internal topics)
 * @param counter       called once per failed record with its reason
 * @param log           the application's log, for what cannot become a dead letter or hints at a bug
 * @param refused       the records the broker refused, shared by the handler and the producer's interceptor
 */
public record DeadLetterRoutes(Map<String, String> bySourceTopic, String fallback, Consumer<RejectReason> counter,
                               Consumer<String> log, RefusedRecords refused) {
    public DeadLetterRoutes(Map<String, String> bySourceTopic, String fallback, Consumer<RejectReason> counter,
                            Consumer<String> log) {
        this(bySourceTopic, fallback, counter, log, new RefusedRecords());
    }

    String topicFor(String sourceTopic) {
        return sourceTopic == null ? fallback : bySourceTopic.getOrDefault(sourceTopic, fallback);
    }

    boolean isDeadLetterTopic(String topic) {
        return topic.equals(fallback) || bySourceTopic.containsValue(topic);
    }
}
