package org.item2vec.streaming.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 *
 * <p>A dead letter keeps at most {@link #MAX_BYTES} of the original: a larger one would be refused by the broker
 * (1 MiB by default) and, under exactly-once, fail the transaction it is written in. A cut one says so with the
 * header {@code item2vec.dlq.original-bytes}, the size of the original.
 */
public final class DeadLetterWriter implements FixedKeyProcessor<String, DeadLetter, byte[]> {
    public static final String REASON_HEADER = "item2vec.dlq.reason";
    public static final String DETAIL_HEADER = "item2vec.dlq.detail";
    public static final String SOURCE_HEADER = "item2vec.dlq.source";
    public static final String ORIGINAL_BYTES_HEADER = "item2vec.dlq.original-bytes";
    public static final int MAX_BYTES = 64 * 1024;

    private FixedKeyProcessorContext<String, byte[]> context;

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, DeadLetter> record) {
        DeadLetter rejected = record.value();
        String source = context.recordMetadata()
                .map(metadata -> source(metadata.topic(), metadata.partition(), metadata.offset()))
                .orElse(null);
        Headers headers = headers(record.headers(), rejected, source);
        context.forward(record.withValue(cut(rejected.original())).withHeaders(headers));
    }

    /** The headers of a dead letter: the original record's, then reason, detail, source and a cut's size. */
    public static Headers headers(Headers original, DeadLetter rejected, String source) {
        Headers headers = new RecordHeaders(original.toArray());
        headers.add(REASON_HEADER, utf8(rejected.reason()));
        headers.add(DETAIL_HEADER, utf8(rejected.detail()));
        if (source != null) {
            headers.add(SOURCE_HEADER, utf8(source));
        }
        if (rejected.original() != null && rejected.original().length > MAX_BYTES) {
            headers.add(ORIGINAL_BYTES_HEADER, utf8(Integer.toString(rejected.original().length)));
        }
        return headers;
    }

    /** The original bytes, or their first {@link #MAX_BYTES}. */
    public static byte[] cut(byte[] original) {
        return original == null || original.length <= MAX_BYTES ? original : Arrays.copyOf(original, MAX_BYTES);
    }

    public static String source(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
