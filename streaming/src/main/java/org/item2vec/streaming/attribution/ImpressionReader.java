package org.item2vec.streaming.attribution;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.item2vec.events.json.BadMessageException;
import org.item2vec.experiment.events.ExperimentMessages;
import org.item2vec.experiment.events.Impression;

/**
 * Reads each impression record. A readable impression continues with the time it was served as the record
 * timestamp, so that stream time, and with it the expiry of the attribution state, follows event time.
 */
final class ImpressionReader implements FixedKeyProcessor<String, byte[], CheckedImpression> {
    private FixedKeyProcessorContext<String, CheckedImpression> context;

    @Override
    public void init(FixedKeyProcessorContext<String, CheckedImpression> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        try {
            Impression impression = ExperimentMessages.impression(record.value());
            context.forward(record.withValue(new CheckedImpression(record.value(), impression, null))
                    .withTimestamp(impression.timestampMs()));
        } catch (BadMessageException e) {
            context.forward(record.withValue(new CheckedImpression(record.value(), null, e.getMessage())));
        }
    }
}
