package org.item2vec.streaming.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.item2vec.streaming.events.CheckedClick;

/**
 * Turns a rejected record back into its original bytes, with headers that say why and where it came from:
 * {@code item2vec.dlq.reason} (a code such as {@code malformed_json}), {@code item2vec.dlq.detail} (for
 * people) and {@code item2vec.dlq.source} ({@code topic-partition@offset}).
 */
final class DeadLetterWriter implements FixedKeyProcessor<String, CheckedClick, byte[]> {
    static final String REASON_HEADER = "item2vec.dlq.reason";
    static final String DETAIL_HEADER = "item2vec.dlq.detail";
    static final String SOURCE_HEADER = "item2vec.dlq.source";

    private final TopologyMetrics metrics;
    private FixedKeyProcessorContext<String, byte[]> context;

    DeadLetterWriter(TopologyMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, CheckedClick> record) {
        CheckedClick rejected = record.value();
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON_HEADER, utf8(rejected.reason().code()));
        headers.add(DETAIL_HEADER, utf8(rejected.detail() == null ? rejected.reason().description()
                : rejected.detail()));
        context.recordMetadata().ifPresent(source -> headers.add(SOURCE_HEADER,
                utf8(source.topic() + "-" + source.partition() + "@" + source.offset())));
        metrics.rejected(rejected.reason());
        context.forward(record.withValue(rejected.original()).withHeaders(headers));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
