package org.item2vec.experiment.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of the experiment topics: impressions, which the API writes and the attribution job reads, and
 * experiment counts, which the job writes and the API reads (the job also adds up changes to counts in this
 * form, so counts may be negative here). Reading never throws anything but
 * {@link BadMessageException}, whose message says what is wrong.
 */
public final class ExperimentMessages {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bytes of a typical impression (ten items), so that its buffer rarely grows. */
    private static final int IMPRESSION_SIZE_HINT = 384;

    private ExperimentMessages() {
    }

    /**
     * {@code {"requestId", "user", "experiment", "variant", "item", "modelVersion", "items": [...],
     * "teams": [...], "ts": epoch ms}}. Written field by field rather than through a tree: the API writes one
     * per list it serves.
     */
    public static byte[] toJson(Impression impression) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(IMPRESSION_SIZE_HINT);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("requestId", impression.requestId());
            json.writeStringField("user", impression.user());
            json.writeStringField("experiment", impression.experiment());
            json.writeStringField("variant", impression.variant());
            json.writeStringField("item", impression.item());
            json.writeStringField("modelVersion", impression.modelVersion());
            writeArray(json, "items", impression.items());
            writeArray(json, "teams", impression.teams());
            json.writeNumberField("ts", impression.timestampMs());
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("an impression could not be written as JSON", e);
        }
        return out.toByteArray();
    }

    private static void writeArray(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    public static Impression impression(byte[] value) throws BadMessageException {
        JsonNode root = object(value);
        List<String> items = texts(root, "items");
        List<String> teams = root.has("teams") ? texts(root, "teams") : List.of();
        if (!teams.isEmpty() && teams.size() != items.size()) {
            throw new BadMessageException("'teams' has " + teams.size() + " entries for " + items.size() + " items");
        }
        return new Impression(optionalText(root, "requestId"), text(root, "user"), text(root, "experiment"),
                text(root, "variant"), optionalText(root, "item"), optionalText(root, "modelVersion"), items, teams,
                timestamp(root));
    }

    /**
     * {@code {"experiment", "variants": {name: {"exposures", "users", ...}}, "tiedExposures", "tiedUsers"}}.
     */
    public static byte[] toJson(ExperimentCounts counts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("experiment", counts.experiment());
        ObjectNode variants = root.putObject("variants");
        new TreeMap<>(counts.variants()).forEach((name, c) -> {
            ObjectNode node = variants.putObject(name);
            node.put("exposures", c.exposures());
            node.put("users", c.users());
            node.put("clicks", c.clicks());
            node.put("bookings", c.bookings());
            node.put("clickedExposures", c.clickedExposures());
            node.put("clickingUsers", c.clickingUsers());
            node.put("bookingUsers", c.bookingUsers());
            node.put("wonExposures", c.wonExposures());
            node.put("preferringUsers", c.preferringUsers());
        });
        root.put("tiedExposures", counts.tiedExposures());
        root.put("tiedUsers", counts.tiedUsers());
        return bytes(root);
    }

    public static ExperimentCounts counts(byte[] value) throws BadMessageException {
        JsonNode root = object(value);
        JsonNode variants = root.get("variants");
        if (variants == null || !variants.isObject()) {
            throw new BadMessageException("field 'variants' is missing or not an object");
        }
        Map<String, VariantCounts> byName = new TreeMap<>();
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) variants::fields) {
            JsonNode c = field.getValue();
            byName.put(field.getKey(), new VariantCounts(number(c, "exposures"), number(c, "users"),
                    number(c, "clicks"), number(c, "bookings"), number(c, "clickedExposures"),
                    number(c, "clickingUsers"), number(c, "bookingUsers"), number(c, "wonExposures"),
                    number(c, "preferringUsers")));
        }
        return new ExperimentCounts(text(root, "experiment"), byName, number(root, "tiedExposures"),
                number(root, "tiedUsers"));
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static JsonNode object(byte[] value) throws BadMessageException {
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

    private static String text(JsonNode root, String field) throws BadMessageException {
        String text = optionalText(root, field);
        if (text == null || text.isBlank()) {
            throw new BadMessageException("field '" + field + "' is missing or empty");
        }
        return text;
    }

    private static String optionalText(JsonNode root, String field) throws BadMessageException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() && !node.isIntegralNumber()) {
            throw new BadMessageException("field '" + field + "' must be a string");
        }
        return node.asText();
    }

    private static long number(JsonNode root, String field) throws BadMessageException {
        JsonNode node = root.get(field);
        if (node == null || !node.isIntegralNumber()) {
            throw new BadMessageException("field '" + field + "' must be a whole number");
        }
        return node.asLong();
    }

    private static long timestamp(JsonNode root) throws BadMessageException {
        long ts = number(root, "ts");
        if (ts < 0) {
            throw new BadMessageException("field 'ts' must be epoch milliseconds, got " + ts);
        }
        return ts;
    }

    private static List<String> texts(JsonNode root, String field) throws BadMessageException {
        JsonNode node = root.get(field);
        if (!(node instanceof ArrayNode array)) {
            throw new BadMessageException("field '" + field + "' must be an array of ids");
        }
        List<String> texts = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isTextual() && !element.isIntegralNumber() || element.asText().isBlank()) {
                throw new BadMessageException("field '" + field + "' holds something that is not an id");
            }
            texts.add(element.asText());
        }
        return texts;
    }
}
