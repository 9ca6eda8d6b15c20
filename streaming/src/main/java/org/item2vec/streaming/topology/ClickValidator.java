package org.item2vec.streaming.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.item2vec.streaming.events.CheckedClick;
import org.item2vec.streaming.events.ClickParser;

/**
 * Parses and validates each raw click record. A valid click continues with the event's own time as the
 * record timestamp, so that session windows and attribution windows follow when users clicked, not when the
 * record was produced.
 */
public final class ClickValidator implements FixedKeyProcessor<String, byte[], CheckedClick> {
    private final ClickParser parser;
    private FixedKeyProcessorContext<String, CheckedClick> context;

    public ClickValidator(ClickParser parser) {
        this.parser = parser;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, CheckedClick> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        CheckedClick checked = parser.parse(record.value(), record.timestamp());
        FixedKeyRecord<String, CheckedClick> out = record.withValue(checked);
        context.forward(checked.isAccepted() ? out.withTimestamp(checked.click().timestampMs()) : out);
    }
}
