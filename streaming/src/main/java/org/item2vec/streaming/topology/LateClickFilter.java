package org.item2vec.streaming.topology;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.item2vec.streaming.events.CheckedClick;
import org.item2vec.streaming.events.ClickParser;
import org.item2vec.streaming.events.RejectReason;

/**
 * Reads the user-keyed clicks after the repartition and rejects those too late to join a session.
 *
 * <p>Kafka Streams silently drops a record whose session window ended before stream time minus gap and
 * grace. This filter applies a bound at least as strict, from the task's stream time, which is never behind
 * the window aggregation's own, so every click it lets through is aggregated and every one it stops is a
 * dead letter with its reason: none disappears.
 */
final class LateClickFilter implements FixedKeyProcessor<String, byte[], CheckedClick> {
    private final ClickParser parser;
    private final long allowedLatenessMs;
    private FixedKeyProcessorContext<String, CheckedClick> context;

    LateClickFilter(ClickParser parser, Duration gap, Duration grace) {
        this.parser = parser;
        this.allowedLatenessMs = gap.toMillis() + grace.toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, CheckedClick> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        CheckedClick checked = parser.parse(record.value(), record.timestamp());
        long streamTime = context.currentStreamTimeMs();
        if (checked.isAccepted() && record.timestamp() < streamTime - allowedLatenessMs) {
            checked = checked.reject(RejectReason.LATE, "event time " + record.timestamp() + " is "
                    + (streamTime - record.timestamp()) + " ms behind stream time " + streamTime
                    + "; the allowed lateness (gap + grace) is " + allowedLatenessMs + " ms");
        }
        context.forward(record.withValue(checked));
    }
}
