package org.item2vec.events.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON on the topics between the services: the session updates and sessions the streaming
 * application writes, and listing metadata. Bad input is a {@link BadMessage} with the reason.
 */
public final class StreamMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamMessages() {
    }

    /** A message that cannot be used, with the reason. */
    public static final class BadMessage extends Exception {
        private static final long serialVersionUID = 1L;

        BadMessage(String reason) {
            super(reason, null, false, false);
        }
    }

    public record Update(String item, List<String> context) {
    }

    /** A finished session; {@code market} may be null, {@code endMs} is -1 when the message has no end time. */
    public record FinishedSession(List<String> items, String booked, String market, long endMs) {
    }

    /** {@code {"item": ..., "context": [...], ...}} from {@code session-updates}. */
    public static Update update(byte[] value) throws BadMessage {
        JsonNode root = object(value);
        return new Update(text(root, "item"), list(root, "context"));
    }

    /** {@code {"items": [...], "booked": ..., "market": ..., "end": epoch ms, ...}} from {@code sessions}. */
    public static FinishedSession session(byte[] value) throws BadMessage {
        JsonNode root = object(value);
        JsonNode booked = root.get("booked");
        JsonNode end = root.get("end");
        return new FinishedSession(list(root, "items"),
                booked == null || booked.isNull() ? null : booked.asText(), optionalText(root, "market"),
                end != null && end.isIntegralNumber() ? end.asLong() : -1);
    }

    /** {@code {"item", "market", "type", "price", "lat", "lon"}} from {@code listings}. */
    public static Listing listing(byte[] value) throws BadMessage {
        JsonNode root = object(value);
        return new Listing(text(root, "item"), optionalText(root, "market"), optionalText(root, "type"),
                optionalNumber(root, "price"), optionalNumber(root, "lat"), optionalNumber(root, "lon"));
    }

    private static JsonNode object(byte[] value) throws BadMessage {
        if (value == null || value.length == 0) {
            throw new BadMessage("empty value");
        }
        try {
            JsonNode root = JSON.readTree(value);
            if (root == null || !root.isObject()) {
                throw new BadMessage("not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new BadMessage("malformed JSON");
        }
    }

    private static String text(JsonNode root, String field) throws BadMessage {
        JsonNode node = root.get(field);
        if (node == null || !(node.isTextual() || node.isIntegralNumber()) || node.asText().isBlank()) {
            throw new BadMessage("field '" + field + "' is missing or not an id");
        }
        return node.asText();
    }

    private static List<String> list(JsonNode root, String field) throws BadMessage {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray()) {
            throw new BadMessage("field '" + field + "' is missing or not a list");
        }
        List<String> items = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!(element.isTextual() || element.isIntegralNumber()) || element.asText().isBlank()) {
                throw new BadMessage("field '" + field + "' holds something that is not an id");
            }
            items.add(element.asText());
        }
        return items;
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        boolean present = node != null && (node.isTextual() || node.isNumber()) && !node.asText().isBlank();
        return present ? node.asText().trim() : null;
    }

    private static Double optionalNumber(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && node.isNumber() ? node.asDouble() : null;
    }
}
