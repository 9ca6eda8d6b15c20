package org.item2vec.events.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules every message on the topics is read and written by. A required field that is missing or of the
 * wrong kind, or an optional field present with the wrong kind, is a {@link BadMessageException} naming the
 * field; an optional field that is absent or {@code null} is absent. Ids are strings or whole numbers.
 */
public final class JsonFields {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFields() {
    }

    /** The message's top-level object. */
    public static JsonNode object(byte[] value) throws BadMessageException {
        if (value == null || value.length == 0) {
            throw new BadMessageException("empty value");
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (IOException e) {
            throw new BadMessageException("malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw new BadMessageException("not a JSON object");
        }
        return root;
    }

    /** A required id: a non-blank string or a whole number. */
    public static String id(JsonNode root, String field) throws BadMessageException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull() || node.isTextual() && node.asText().isBlank()) {
            throw new BadMessageException("field '" + field + "' is missing or empty");
        }
        if (!isId(node)) {
            throw new BadMessageException("field '" + field + "' must be a string or a whole number");
        }
        return node.asText();
    }

    /** A required list of ids. */
    public static List<String> ids(JsonNode root, String field) throws BadMessageException {
        JsonNode node = root.get(field);
        if (!(node instanceof ArrayNode array)) {
            throw new BadMessageException("field '" + field + "' is missing or not a list of ids");
        }
        List<String> ids = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!isId(element)) {
                throw new BadMessageException("field '" + field + "' holds something that is not an id");
            }
            ids.add(element.asText());
        }
        return ids;
    }

    /** Optional text, trimmed; blank is absent ({@code null}). */
    public static String optionalText(JsonNode root, String field) throws BadMessageException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() && !node.isNumber()) {
            throw new BadMessageException("field '" + field + "' must be text");
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** An optional number, {@code null} when absent. */
    public static Double optionalNumber(JsonNode root, String field) throws BadMessageException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new BadMessageException("field '" + field + "' must be a number");
        }
        return node.asDouble();
    }

    /** A required whole number. */
    public static long wholeNumber(JsonNode root, String field) throws BadMessageException {
        JsonNode node = root.get(field);
        if (node == null || !node.isIntegralNumber()) {
            throw new BadMessageException("field '" + field + "' must be a whole number");
        }
        return node.asLong();
    }

    /** An optional whole number, {@code absent} when the field is absent or {@code null}. */
    public static long optionalWholeNumber(JsonNode root, String field, long absent) throws BadMessageException {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? absent : wholeNumber(root, field);
    }

    /** An optional boolean, {@code false} when absent. */
    public static boolean optionalFlag(JsonNode root, String field) throws BadMessageException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new BadMessageException("field '" + field + "' must be true or false");
        }
        return node.asBoolean();
    }

    /** An empty object to write a message into. */
    public static ObjectNode newObject() {
        return JSON.createObjectNode();
    }

    /** The field {@code field} of {@code json} set to a list of ids. */
    public static void putIds(ObjectNode json, String field, List<String> ids) {
        ArrayNode array = json.putArray(field);
        ids.forEach(array::add);
    }

    /** The UTF-8 bytes of a message built in memory. */
    public static byte[] bytes(ObjectNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree built in memory could not be written", e);
        }
    }

    /** For writers that stream a frequent message field by field rather than through a tree. */
    public static JsonFactory factory() {
        return JSON.getFactory();
    }

    private static boolean isId(JsonNode node) {
        return node != null && (node.isTextual() || node.isIntegralNumber()) && !node.asText().isBlank();
    }
}
