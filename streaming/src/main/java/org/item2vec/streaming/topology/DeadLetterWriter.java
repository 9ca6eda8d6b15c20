package org.item2vec.streaming.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.item2vec.streaming.events.DeadLetter;

/**
 * Turns a rejected record back into its original bytes, with headers that say why and where it came from:
 * {@code item2vec.dlq.reason} (a code such as {@code malformed_json}), {@code item2vec.dlq.detail} (for
 * people) and {@code item2vec.dlq.source} ({@code topic-partition@offset}).
 */
public final class DeadLetterWriter implements FixedKeyProcessor<String, DeadLetter, byte[]> {
    public static final String REASON_HEADER = "item2vec.dlq.reason";
    public static final String DETAIL_HEADER = "item2vec.dlq.detail";
    public static final String SOURCE_HEADER = "item2vec.dlq.source";

    private FixedKeyProcessorContext<String, byte[]> context;

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, DeadLetter> record) {
        DeadLetter rejected = record.value();
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON_HEADER, utf8(rejected.reason()));
        headers.add(DETAIL_HEADER, utf8(rejected.detail()));
        context.recordMetadata().ifPresent(source -> headers.add(SOURCE_HEADER,
                utf8(source.topic() + "-" + source.partition() + "@" + source.offset())));
        context.forward(record.withValue(rejected.original()).withHeaders(headers));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
