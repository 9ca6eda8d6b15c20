package org.item2vec.experiment.define;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.item2vec.experiment.events.Impression;

/**
 * Experiments as JSON, the one form used by the experiments file, the admin endpoint and
 * {@code GET /experiments}:
 * <pre>
 * {"id": "ranker-v2", "description": "...", "salt": "ranker-v2", "mode": "ab", "status": "running",
 *  "variants": [{"name": "control", "weight": 1, "model": null, "strategy": "similar-in-market",
 *                "k": null, "ranking": null}, ...]}
 * </pre>
 * Only {@code id} and {@code variants} (each with a {@code name}) are required; the salt defaults to the id,
 * the mode to {@code ab}, the status to {@code running}, a weight to 1 and the strategy to
 * {@code similar-in-market}. Unknown fields are refused, so that a misspelt {@code weigth} is not silently
 * ignored.
 */
public final class ExperimentJson {
    public static final int MAX_K = 1000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_TEXT = 1000;
    private static final Set<String> EXPERIMENT_FIELDS =
            Set.of("id", "description", "salt", "mode", "status", "variants");
    private static final Set<String> VARIANT_FIELDS =
            Set.of("name", "weight", "model", "strategy", "k", "ranking");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExperimentJson() {
    }

    /** {@code {"experiments": [...]}}, the experiments file. */
    public static List<Experiment> parseAll(byte[] json) throws InvalidExperimentException {
        JsonNode root = tree(json);
        JsonNode list = root.get("experiments");
        if (!(list instanceof ArrayNode array) || root.size() != 1) {
            throw new InvalidExperimentException("expected {\"experiments\": [...]}");
        }
        List<Experiment> experiments = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode node : array) {
            Experiment experiment = experiment(node, null);
            if (!ids.add(experiment.id())) {
                throw new InvalidExperimentException("experiment '" + experiment.id() + "' is defined twice");
            }
            experiments.add(experiment);
        }
        return experiments;
    }

    /**
     * One experiment, as an admin sends it.
     *
     * @param id the id from the request's path: the body may leave it out, and may not contradict it
     */
    public static Experiment parse(byte[] json, String id) throws InvalidExperimentException {
        return experiment(tree(json), id);
    }

    public static byte[] write(List<Experiment> experiments) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("experiments");
        experiments.forEach(e -> list.add(node(e)));
        return bytes(root);
    }

    public static byte[] write(Experiment experiment) {
        return bytes(node(experiment));
    }

    private static ObjectNode node(Experiment experiment) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", experiment.id());
        node.put("description", experiment.description());
        node.put("salt", experiment.salt());
        node.put("mode", experiment.mode().key());
        node.put("status", experiment.running() ? "running" : "stopped");
        ArrayNode variants = node.putArray("variants");
        for (Variant variant : experiment.variants()) {
            ObjectNode v = variants.addObject();
            v.put("name", variant.name());
            v.put("weight", variant.weight());
            v.put("model", variant.model());
            v.put("strategy", variant.strategy().key());
            v.put("k", variant.k());
            v.put("ranking", variant.ranking());
        }
        return node;
    }

    private static Experiment experiment(JsonNode node, String pathId) throws InvalidExperimentException {
        if (node == null || !node.isObject()) {
            throw new InvalidExperimentException("an experiment must be a JSON object");
        }
        String id = text(node, "id", null);
        if (id == null) {
            id = pathId;
        }
        if (id == null) {
            throw new InvalidExperimentException("an experiment needs an 'id'");
        }
        String where = "experiment '" + id + "'";
        name(id, where + ": 'id'");
        if (pathId != null && !pathId.equals(id)) {
            throw new InvalidExperimentException(where + ": the body's id differs from the path's '" + pathId + "'");
        }
        knownFields(node, EXPERIMENT_FIELDS, where);
        String salt = text(node, "salt", id);
        if (salt.isBlank() || salt.length() > MAX_TEXT) {
            throw new InvalidExperimentException(where + ": 'salt' must be 1 to " + MAX_TEXT + " characters");
        }
        ExperimentMode mode;
        try {
            mode = ExperimentMode.parse(text(node, "mode", "ab"));
        } catch (IllegalArgumentException e) {
            throw new InvalidExperimentException(where + ": " + e.getMessage());
        }
        String status = text(node, "status", "running");
        if (!status.equals("running") && !status.equals("stopped")) {
            throw new InvalidExperimentException(where + ": 'status' must be running or stopped, got '" + status + "'");
        }
        List<Variant> variants = variants(node.get("variants"), mode, where);
        return new Experiment(id, text(node, "description", ""), salt, mode, status.equals("running"), variants);
    }

    private static List<Variant> variants(JsonNode node, ExperimentMode mode, String where)
            throws InvalidExperimentException {
        if (!(node instanceof ArrayNode array) || array.size() < 2) {
            throw new InvalidExperimentException(where + ": 'variants' must list at least two variants, "
                    + "the first being the control");
        }
        if (mode == ExperimentMode.INTERLEAVING && array.size() != 2) {
            throw new InvalidExperimentException(where + ": interleaving compares exactly two variants, got "
                    + array.size());
        }
        List<Variant> variants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        double total = 0;
        for (JsonNode v : array) {
            Variant variant = variant(v, where);
            if (!names.add(variant.name())) {
                throw new InvalidExperimentException(where + ": variant '" + variant.name() + "' appears twice");
            }
            total += variant.weight();
            variants.add(variant);
        }
        if (mode == ExperimentMode.AB && total <= 0) {
            throw new InvalidExperimentException(where + ": the variants' weights add up to 0");
        }
        return variants;
    }

    private static Variant variant(JsonNode node, String experiment) throws InvalidExperimentException {
        if (node == null || !node.isObject()) {
            throw new InvalidExperimentException(experiment + ": each variant must be a JSON object");
        }
        String name = text(node, "name", null);
        if (name == null) {
            throw new InvalidExperimentException(experiment + ": a variant needs a 'name'");
        }
        String where = experiment + ", variant '" + name + "'";
        name(name, where + ": 'name'");
        if (name.equals(Impression.INTERLEAVED)) {
            throw new InvalidExperimentException(where + ": the name is reserved for interleaved lists");
        }
        knownFields(node, VARIANT_FIELDS, where);
        double weight = number(node, "weight", 1, where);
        if (!Double.isFinite(weight) || weight < 0) {
            throw new InvalidExperimentException(where + ": 'weight' must be a number of at least 0");
        }
        String model = text(node, "model", null);
        if (model != null) {
            name(model, where + ": 'model'");
        }
        Strategy strategy;
        try {
            strategy = Strategy.parse(text(node, "strategy", Strategy.SIMILAR_IN_MARKET.key()));
        } catch (IllegalArgumentException e) {
            throw new InvalidExperimentException(where + ": " + e.getMessage());
        }
        Integer k = null;
        if (node.hasNonNull("k")) {
            double value = number(node, "k", 0, where);
            if (value != Math.rint(value) || value < 1 || value > MAX_K) {
                throw new InvalidExperimentException(where + ": 'k' must be a whole number from 1 to " + MAX_K);
            }
            k = (int) value;
        }
        String ranking = text(node, "ranking", null);
        if (ranking != null && !ranking.equals("similar") && !ranking.equals("next")) {
            throw new InvalidExperimentException(where + ": 'ranking' must be similar or next, got '" + ranking + "'");
        }
        return new Variant(name, weight, model, strategy, k, ranking);
    }

    private static void name(String value, String what) throws InvalidExperimentException {
        if (!NAME.matcher(value).matches()) {
            throw new InvalidExperimentException(what + " must be 1 to 64 letters, digits, '.', '_' or '-' "
                    + "(starting with a letter or digit), got '" + abbreviate(value) + "'");
        }
    }

    private static void knownFields(JsonNode node, Set<String> known, String where)
            throws InvalidExperimentException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!known.contains(field)) {
                throw new InvalidExperimentException(where + ": unknown field '" + abbreviate(field) + "'; known: "
                        + known.stream().sorted().toList());
            }
        }
    }

    private static String text(JsonNode node, String field, String fallback) throws InvalidExperimentException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new InvalidExperimentException("'" + field + "' must be a string, got " + value.getNodeType());
        }
        if (value.asText().length() > MAX_TEXT) {
            throw new InvalidExperimentException("'" + field + "' is longer than " + MAX_TEXT + " characters");
        }
        return value.asText();
    }

    private static double number(JsonNode node, String field, double fallback, String where)
            throws InvalidExperimentException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new InvalidExperimentException(where + ": '" + field + "' must be a number");
        }
        return value.asDouble();
    }

    private static JsonNode tree(byte[] json) throws InvalidExperimentException {
        if (json == null || json.length == 0) {
            throw new InvalidExperimentException("no JSON given");
        }
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new InvalidExperimentException("expected a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new InvalidExperimentException("malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static String firstLine(String message) {
        int end = message == null ? -1 : message.indexOf('\n');
        return end < 0 ? String.valueOf(message) : message.substring(0, end);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
