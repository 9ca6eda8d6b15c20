package org.item2vec.experiment.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.item2vec.events.json.BadMessageException;
import org.item2vec.events.json.JsonFields;

/**
 * The JSON of the experiment topics: impressions, which the API writes and the attribution job reads, and
 * experiment counts, which the job writes and the API reads (the job also adds up changes to counts in this
 * form, so counts may be negative here). Read and written by the rules of every message ({@link JsonFields});
 * reading never throws anything but {@link BadMessageException}, whose message says what is wrong.
 */
public final class ExperimentMessages {
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
        try (JsonGenerator json = JsonFields.factory().createGenerator(out)) {
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
        JsonNode root = JsonFields.object(value);
        List<String> items = JsonFields.ids(root, "items");
        List<String> teams = root.has("teams") ? JsonFields.ids(root, "teams") : List.of();
        if (!teams.isEmpty() && teams.size() != items.size()) {
            throw new BadMessageException("'teams' has " + teams.size() + " entries for " + items.size() + " items");
        }
        return new Impression(JsonFields.optionalText(root, "requestId"), JsonFields.id(root, "user"),
                JsonFields.id(root, "experiment"), JsonFields.id(root, "variant"), JsonFields.optionalText(root, "item"),
                JsonFields.optionalText(root, "modelVersion"), items, teams,
                timestamp(root));
    }

    /**
     * {@code {"experiment", "variants": {name: {"exposures", "users", ...}}, "tiedExposures", "tiedUsers"}}.
     */
    public static byte[] toJson(ExperimentCounts counts) {
        ObjectNode root = JsonFields.newObject();
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
        return JsonFields.bytes(root);
    }

    public static ExperimentCounts counts(byte[] value) throws BadMessageException {
        JsonNode root = JsonFields.object(value);
        JsonNode variants = root.get("variants");
        if (variants == null || !variants.isObject()) {
            throw new BadMessageException("field 'variants' is missing or not an object");
        }
        Map<String, VariantCounts> byName = new TreeMap<>();
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) variants::fields) {
            JsonNode c = field.getValue();
            byName.put(field.getKey(), new VariantCounts(JsonFields.wholeNumber(c, "exposures"), JsonFields.wholeNumber(c, "users"),
                    JsonFields.wholeNumber(c, "clicks"), JsonFields.wholeNumber(c, "bookings"), JsonFields.wholeNumber(c, "clickedExposures"),
                    JsonFields.wholeNumber(c, "clickingUsers"), JsonFields.wholeNumber(c, "bookingUsers"), JsonFields.wholeNumber(c, "wonExposures"),
                    JsonFields.wholeNumber(c, "preferringUsers")));
        }
        return new ExperimentCounts(JsonFields.id(root, "experiment"), byName, JsonFields.wholeNumber(root, "tiedExposures"),
                JsonFields.wholeNumber(root, "tiedUsers"));
    }

    private static long timestamp(JsonNode root) throws BadMessageException {
        long ts = JsonFields.wholeNumber(root, "ts");
        if (ts < 0) {
            throw new BadMessageException("field 'ts' must be epoch milliseconds, got " + ts);
        }
        return ts;
    }
}
