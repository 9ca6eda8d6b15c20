package org.item2vec.streaming.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.item2vec.streaming.events.RejectReason;
import org.item2vec.streaming.topology.DeadLetterWriter;
import org.junit.jupiter.api.Test;

class DeadLetterInterceptorTest {
    private final List<RejectReason> counted = new ArrayList<>();
    private final DeadLetterRoutes routes = new DeadLetterRoutes(Map.of("clicks", "clicks-dlq"), "clicks-dlq",
            counted::add, line -> { });

    private DeadLetterInterceptor interceptor() {
        DeadLetterInterceptor interceptor = new DeadLetterInterceptor();
        interceptor.configure(Map.of(DeadLetterHandler.ROUTES_CONFIG, routes));
        return interceptor;
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String value) {
        return new ProducerRecord<>(topic, null, 1234L, "u1".getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRecordTheBrokerRefusedGoesToTheDeadLetterTopicWhenSentAgain() {
        ProducerRecord<byte[], byte[]> update = record("session-updates", "{\"item\":\"wide\"}");
        routes.refused().remember(update, new RecordTooLargeException("too large"));

        ProducerRecord<byte[], byte[]> sent = interceptor().onSend(record("session-updates", "{\"item\":\"wide\"}"));

        assertEquals("clicks-dlq", sent.topic());
        assertNull(sent.timestamp(), "the broker's clock stamps the dead letter: the original time may be the problem");
        assertArrayEquals(update.value(), sent.value());
        assertEquals("refused_by_broker", header(sent, DeadLetterWriter.REASON_HEADER));
        assertTrue(header(sent, DeadLetterWriter.DETAIL_HEADER).contains("session-updates"));
        assertEquals(List.of(RejectReason.REFUSED_BY_BROKER), counted);
    }

    @Test
    void otherRecordsPassUnchanged() {
        routes.refused().remember(record("session-updates", "{\"item\":\"wide\"}"), new RecordTooLargeException("x"));
        ProducerRecord<byte[], byte[]> other = record("session-updates", "{\"item\":\"narrow\"}");
        ProducerRecord<byte[], byte[]> sameValueElsewhere = record("sessions", "{\"item\":\"wide\"}");

        assertSame(other, interceptor().onSend(other));
        assertSame(sameValueElsewhere, interceptor().onSend(sameValueElsewhere));
        assertEquals(List.of(), counted);
    }

    @Test
    void aRefusalIsReportedOnceToDecideOnProcessingAgain() {
        assertFalse(routes.refused().refusedSinceAsked());
        routes.refused().remember(record("t", "v"), new RecordTooLargeException("x"));
        assertTrue(routes.refused().refusedSinceAsked());
        assertFalse(routes.refused().refusedSinceAsked(), "a second failure without a new refusal stops the application");
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
