package org.item2vec.streaming.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.item2vec.streaming.events.DeadLetter;
import org.item2vec.streaming.events.RejectReason;
import org.item2vec.streaming.topology.DeadLetterWriter;

/**
 * The last line of defence of both Kafka Streams applications: a record that the broker refuses
 * ({@code refused_by_broker}), that a processor fails on ({@code processing_error}) or that cannot be read back from
 * an internal topic ({@code unreadable_record}) becomes a dead letter with the reason, and processing goes on
 * instead of the application stopping in ERROR. The dead letter carries the input record it came from, as the
 * validator's dead letters do. Validation is meant to catch everything first; what reaches here is counted.
 *
 * <p>What the broker refuses is not known until the transaction it was written in is lost. Under exactly-once the
 * refused record is remembered ({@link RefusedRecords}), the stream thread is replaced and processes the input
 * again, and the {@link DeadLetterInterceptor} turns the same record into a dead letter then: the refused
 * record itself, with the topic it was for in the detail. A dead letter that is itself refused cannot go
 * anywhere: it is logged and counted, never retried in a loop.
 */
public final class DeadLetterHandler
        implements ProductionExceptionHandler, ProcessingExceptionHandler, DeserializationExceptionHandler {
    /** The Streams configuration key of this application's {@link DeadLetterRoutes}. */
    public static final String ROUTES_CONFIG = "item2vec.dead-letter.routes";

    private DeadLetterRoutes routes;

    private boolean exactlyOnce;

    @Override
    public void configure(Map<String, ?> configs) {
        routes = routes(configs);
        exactlyOnce = StreamsConfig.EXACTLY_ONCE_V2.equals(configs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    }

    static DeadLetterRoutes routes(Map<String, ?> configs) {
        Object configured = configs.get(ROUTES_CONFIG);
        if (!(configured instanceof DeadLetterRoutes given)) {
            throw new IllegalArgumentException(ROUTES_CONFIG + " must be set to the application's dead-letter routes");
        }
        return given;
    }

    @Override
    public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                           ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (routes.isDeadLetterTopic(record.topic())) {
            routes.counter().accept(RejectReason.REFUSED_BY_BROKER);
            routes.log().accept("the dead-letter topic " + record.topic() + " refused a dead letter of "
                    + source(context) + ": " + exception);
            return ProductionExceptionHandler.Response.resume();
        }
        routes.refused().remember(record, exception);
        if (exactlyOnce) {
            // The transaction is lost with this record in it: the interceptor dead-letters it when it comes again.
            return ProductionExceptionHandler.Response.resume();
        }
        routes.counter().accept(RejectReason.REFUSED_BY_BROKER);
        DeadLetter dead = new DeadLetter(record.value(), RejectReason.REFUSED_BY_BROKER.code(),
                "topic " + record.topic() + " refused this record: " + exception);
        return ProductionExceptionHandler.Response.resume(List.of(new ProducerRecord<>(routes.fallback(), null, null,
                record.key(), DeadLetterWriter.cut(record.value()),
                DeadLetterWriter.headers(record.headers(), dead, null))));
    }

    @Override
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
                                                                        ProducerRecord record, Exception exception,
                                                                        SerializationExceptionOrigin origin) {
        return ProductionExceptionHandler.Response.resume(List.of(deadLetter(context, null,
                RejectReason.PROCESSING_ERROR, "cannot serialise the " + origin.toString().toLowerCase(Locale.ROOT)
                        + " of a record for " + record.topic() + ": " + exception)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                           Exception exception) {
        routes.log().accept("processor " + context.processorNodeId() + " failed on the record " + source(context)
                + ", which becomes a dead letter: " + exception);
        return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, null,
                RejectReason.PROCESSING_ERROR, "processor " + context.processorNodeId() + " failed: " + exception)));
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(context, record.value(),
                RejectReason.UNREADABLE_RECORD, "cannot read a record of " + record.topic() + ": " + exception)));
    }

    /**
     * The input record behind the failure as a dead letter, or {@code fallbackValue} when there is none (a record a
     * punctuation made). Its timestamp is left to the broker: the failure may be the original's timestamp.
     */
    private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] fallbackValue,
                                                      RejectReason reason, String detail) {
        routes.counter().accept(reason);
        byte[] original = context.sourceRawValue() != null ? context.sourceRawValue() : fallbackValue;
        Headers headers = DeadLetterWriter.headers(context.headers() == null ? new RecordHeaders() : context.headers(),
                new DeadLetter(original, reason.code(), detail), source(context));
        return new ProducerRecord<>(routes.topicFor(context.topic()), null, null, context.sourceRawKey(),
                DeadLetterWriter.cut(original), headers);
    }

    private static String source(ErrorHandlerContext context) {
        return context.topic() == null ? null
                : DeadLetterWriter.source(context.topic(), context.partition(), context.offset());
    }
}
