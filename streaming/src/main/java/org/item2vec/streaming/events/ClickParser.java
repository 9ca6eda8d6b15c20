package org.item2vec.streaming.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.item2vec.events.sessions.ClickEvent;
import org.item2vec.events.sessions.EventType;
import org.item2vec.events.sessions.Timestamps;
import org.item2vec.streaming.config.ClickLimits;

/**
 * Reads and validates one click event:
 * {@code {"user": "...", "item": "...", "ts": <epoch ms or ISO-8601>, "type": "view|click|book",
 * "dwellMs": <optional>, "market": <optional>}}. Ids may be JSON strings or numbers. A missing {@code ts}
 * falls back to the Kafka record's timestamp, a missing {@code type} means a click. Never throws on bad
 * input: every problem becomes a {@link RejectReason} with a detail naming the offending value.
 */
public final class ClickParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClickLimits limits;
    private final LongSupplier wallClock;

    public ClickParser(ClickLimits limits, LongSupplier wallClock) {
        this.limits = limits;
        this.wallClock = wallClock;
    }

    /**
     * @param value           the record's value, possibly {@code null}
     * @param recordTimestamp the Kafka record's timestamp, used when the event has no {@code ts}
     */
    public CheckedClick parse(byte[] value, long recordTimestamp) {
        if (value == null || value.length == 0) {
            return CheckedClick.rejected(value, RejectReason.EMPTY, "no value");
        }
        if (value.length > limits.maxEventBytes()) {
            return CheckedClick.rejected(value, RejectReason.OVERSIZED,
                    value.length + " bytes, the maximum is " + limits.maxEventBytes());
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            return CheckedClick.rejected(value, RejectReason.MALFORMED_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            return CheckedClick.rejected(value, RejectReason.MALFORMED_JSON, e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return CheckedClick.rejected(value, RejectReason.NOT_AN_OBJECT,
                    "expected {\"user\": ..., \"item\": ...}, got " + preview(value));
        }
        try {
            return CheckedClick.accepted(value, read(root, recordTimestamp));
        } catch (Rejection r) {
            return CheckedClick.rejected(value, r.reason, r.getMessage());
        }
    }

    private Click read(JsonNode root, long recordTimestamp) throws Rejection {
        String user = id(root, "user", RejectReason.MISSING_USER);
        String item = id(root, "item", RejectReason.MISSING_ITEM);
        long timestamp = timestamp(root.get("ts"), recordTimestamp);
        EventType type = type(root.get("type"));
        long dwell = dwell(root.get("dwellMs"));
        String market = optionalText(root, "market");
        return new Click(new ClickEvent(user, item, timestamp, type, dwell), market);
    }

    private String id(JsonNode root, String field, RejectReason missing) throws Rejection {
        JsonNode node = root.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            throw new Rejection(missing, "field '" + field + "' is missing or empty");
        }
        if (!node.isTextual() && !node.isIntegralNumber()) {
            throw new Rejection(RejectReason.BAD_FIELD, "field '" + field + "' must be a string or an integer");
        }
        String id = node.asText().trim();
        if (id.length() > limits.maxIdLength()) {
            throw new Rejection(RejectReason.ID_TOO_LONG, "field '" + field + "' has " + id.length()
                    + " characters, the maximum is " + limits.maxIdLength());
        }
        return id;
    }

    private long timestamp(JsonNode node, long recordTimestamp) throws Rejection {
        long millis;
        if (node == null || node.isNull()) {
            millis = recordTimestamp;
        } else if (node.isNumber() || node.isTextual()) {
            try {
                millis = Timestamps.parseMillis(node.asText());
            } catch (IllegalArgumentException e) {
                throw new Rejection(RejectReason.BAD_TIMESTAMP, e.getMessage());
            }
        } else {
            throw new Rejection(RejectReason.BAD_TIMESTAMP, "field 'ts' must be a number or an ISO-8601 string");
        }
        if (millis < limits.earliest().toEpochMilli()) {
            throw new Rejection(RejectReason.ABSURD_TIMESTAMP, "timestamp " + Instant.ofEpochMilli(millis)
                    + " is before " + limits.earliest());
        }
        long now = wallClock.getAsLong();
        if (millis > now + limits.maxFutureSkew().toMillis()) {
            throw new Rejection(RejectReason.FUTURE_TIMESTAMP, "timestamp " + Instant.ofEpochMilli(millis) + " is "
                    + (millis - now) + " ms ahead of the processing clock " + Instant.ofEpochMilli(now)
                    + "; the allowed skew is " + limits.maxFutureSkew());
        }
        return millis;
    }

    private static EventType type(JsonNode node) throws Rejection {
        if (node == null || node.isNull()) {
            return EventType.CLICK;
        }
        if (!node.isTextual()) {
            throw new Rejection(RejectReason.BAD_TYPE, "field 'type' must be a string");
        }
        try {
            return EventType.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw new Rejection(RejectReason.BAD_TYPE, e.getMessage());
        }
    }

    private static long dwell(JsonNode node) throws Rejection {
        if (node == null || node.isNull()) {
            return ClickEvent.UNKNOWN_DWELL;
        }
        if (!node.isNumber() || node.asLong() < 0) {
            throw new Rejection(RejectReason.BAD_FIELD, "field 'dwellMs' must be a non-negative number");
        }
        return node.asLong();
    }

    private String optionalText(JsonNode root, String field) throws Rejection {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() && !node.isNumber()) {
            throw new Rejection(RejectReason.BAD_FIELD, "field '" + field + "' must be a string or a number");
        }
        String text = node.asText().trim();
        if (text.length() > limits.maxIdLength()) {
            throw new Rejection(RejectReason.ID_TOO_LONG, "field '" + field + "' is too long");
        }
        return text.isEmpty() ? null : text;
    }

    private static String preview(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    /** Internal control flow: the first problem found ends the parse. */
    private static final class Rejection extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient RejectReason reason;

        Rejection(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
