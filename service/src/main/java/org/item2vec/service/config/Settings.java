package org.item2vec.service.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The settings of a service, merged from three layers: a properties or YAML file, environment variables, and
 * explicit overrides (command-line flags), each layer winning over the one before; a key absent from all
 * three takes the default its caller passes.
 *
 * <p>Keys are dotted and lower-case ({@code item2vec.kafka.bootstrap-servers}). An environment variable
 * names the same key in upper case with {@code _} for both {@code .} and {@code -}
 * ({@code ITEM2VEC_KAFKA_BOOTSTRAP_SERVERS}), the convention Micronaut and Spring use too, so one variable
 * configures every service. Nested YAML maps flatten to dotted keys.
 *
 * <p>The values never change; the object only remembers which keys it was asked for ({@link #keysRead()}).
 */
public final class Settings implements SettingSource {
    private final Map<String, Entry> values;
    private final Set<String> keysRead = ConcurrentHashMap.newKeySet();

    private Settings(Map<String, Entry> values) {
        this.values = values;
    }

    /** A value and where it came from, so that an error can point at the file or variable to fix. */
    private record Entry(String key, String value, String origin) {
    }

    public static Settings empty() {
        return new Settings(new TreeMap<>());
    }

    /**
     * Loads settings: the file (may be {@code null}), then the environment, then the overrides.
     *
     * @throws SettingsException when the file cannot be read or parsed
     */
    public static Settings load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, Entry> values = new TreeMap<>();
        if (file != null) {
            readFile(file).forEach((key, value) -> values.put(normalize(key), new Entry(key, value, file + ": " + key)));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith("ITEM2VEC_")) {
                values.put(normalize(name), new Entry(name, value, "environment variable " + name));
            }
        });
        overrides.forEach((key, value) -> values.put(normalize(key), new Entry(key, value, "option " + key)));
        return new Settings(values);
    }

    /** A copy with one more value on top, as if given on the command line. */
    public Settings with(String key, String value) {
        Map<String, Entry> copy = new TreeMap<>(values);
        copy.put(normalize(key), new Entry(key, value, "option " + key));
        return new Settings(copy);
    }

    /**
     * A copy with the values of another settings file beneath these: a key this object has wins, a key only
     * the file has comes from the file (how a tuned configuration supplies defaults that a user can still
     * override).
     *
     * @throws SettingsException when the file cannot be read or parsed
     */
    public Settings under(Path file) {
        Map<String, Entry> merged = new TreeMap<>();
        readFile(file).forEach((key, value) -> merged.put(normalize(key), new Entry(key, value, file + ": " + key)));
        merged.putAll(values);
        return new Settings(merged);
    }

    @Override
    public String string(String key, String defaultValue) {
        Entry entry = lookUp(key);
        return entry == null || entry.value().isBlank() ? defaultValue : entry.value().trim();
    }

    public int integer(String key, int defaultValue) {
        Entry entry = lookUp(key);
        if (entry == null || entry.value().isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(entry.value().trim());
        } catch (NumberFormatException e) {
            throw invalid(key, entry, "a whole number");
        }
    }

    /** An integer that must be at least {@code min}. */
    public int integer(String key, int defaultValue, int min) {
        int value = integer(key, defaultValue);
        if (value < min) {
            throw invalid(key, values.get(normalize(key)), "a whole number of at least " + min);
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        Entry entry = lookUp(key);
        if (entry == null || entry.value().isBlank()) {
            return defaultValue;
        }
        return switch (entry.value().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, entry, "true or false");
        };
    }

    public double decimal(String key, double defaultValue) {
        Entry entry = lookUp(key);
        if (entry == null || entry.value().isBlank()) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(entry.value().trim());
        } catch (NumberFormatException e) {
            throw invalid(key, entry, "a number");
        }
    }

    /** A duration written as {@code 30m}, {@code 90s}, {@code 500ms}, {@code 2h}, {@code 1d} or ISO-8601. */
    public Duration duration(String key, Duration defaultValue) {
        Entry entry = lookUp(key);
        if (entry == null || entry.value().isBlank()) {
            return defaultValue;
        }
        try {
            return Durations.parse(entry.value());
        } catch (IllegalArgumentException e) {
            throw invalid(key, entry, "a duration such as 30m, 90s or 500ms");
        }
    }

    /**
     * The keys this object has been asked for so far ({@link #string}, {@link #integer} and the like), as the
     * callers spell them: once a service has built its configuration from it, every setting the service reads.
     * A settings file or an environment can be checked against them for keys nobody reads. The keys under a
     * {@link #passThrough} prefix are not known in advance and are not listed.
     */
    public Set<String> keysRead() {
        return new TreeSet<>(keysRead);
    }

    private Entry lookUp(String key) {
        keysRead.add(key);
        return values.get(normalize(key));
    }

    /**
     * Every value whose key starts with {@code prefix.}, keyed by the rest of the key as written, for
     * passing settings through to a library (Kafka's own property names, for instance). Environment
     * variables cannot spell such keys unambiguously, so only the file and overrides count here.
     */
    public Map<String, String> passThrough(String prefix) {
        String start = normalize(prefix) + "_";
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((key, entry) -> {
            boolean spelledOut = !entry.origin().startsWith("environment");
            if (key.startsWith(start) && spelledOut) {
                result.put(entry.key().substring(prefix.length() + 1), entry.value().trim());
            }
        });
        return result;
    }

    private static SettingsException invalid(String key, Entry entry, String expected) {
        return new SettingsException(key + " must be " + expected + ", got '" + entry.value() + "' (from "
                + entry.origin() + ")");
    }

    /** Dots, dashes and underscores are the same separator; case does not matter. */
    static String normalize(String key) {
        return key.trim().toLowerCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> readFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                return readYaml(file);
            }
            return readProperties(file);
        } catch (IOException e) {
            throw new SettingsException("cannot read settings file " + file + ": " + e.getMessage());
        } catch (YAMLException | ClassCastException | IllegalArgumentException e) {
            throw new SettingsException("settings file " + file + " is not valid: " + e.getMessage());
        }
    }

    private static Map<String, String> readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> result = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> result.put(key, properties.getProperty(key)));
        return result;
    }

    private static Map<String, String> readYaml(Path file) throws IOException {
        Object document;
        try (InputStream in = Files.newInputStream(file)) {
            document = new Yaml().load(in);
        }
        Map<String, String> result = new LinkedHashMap<>();
        if (document == null) {
            return result;
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the top level must be a map of keys to values");
        }
        flatten("", map, result);
        return result;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        map.forEach((key, value) -> {
            String path = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(path, nested, out);
            } else if (value != null) {
                out.put(path, String.valueOf(value));
            }
        });
    }
}
