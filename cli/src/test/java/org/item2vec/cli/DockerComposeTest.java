package org.item2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.service.config.Settings;
import org.item2vec.service.config.Topics;
import org.item2vec.streaming.config.StreamingConfig;
import org.item2vec.trainer.live.TrainerConfig;
import org.item2vec.trainer.retrain.RetrainConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} against the code: every variable it sets for an item2vec service (one built from our
 * Dockerfile) is a setting that service reads, its values parse as the service parses them, and its command is a
 * subcommand of {@code item2vec} with options that command has. A misspelt variable would otherwise be ignored
 * without a word, and the service would run on the default.
 *
 * <p>A variable names a key in upper case with {@code _} for {@code .} and {@code -}: our {@link Settings} and
 * Micronaut map {@code ITEM2VEC_API_DATA_DIR} to {@code item2vec.api.data-dir} alike, so names are compared in
 * that form.
 */
class DockerComposeTest {
    /** The repository: tests run in the module's directory. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** Read by the JVM, not by our settings: its options, and the zone of the retrain schedule. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "TZ");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    private static Map<String, Service> services;

    /** One of our services as the compose file runs it; volumes in the short syntax, {@code name:/path[:ro]}. */
    record Service(String name, List<String> command, Map<String, String> environment, List<String> volumes) {
        String subcommand() {
            return command.isEmpty() ? "" : command.get(0);
        }

        /** The volume mounted on {@code path} or on the nearest directory above it. */
        String volumeHolding(Path path) {
            return volumes.stream().filter(volume -> path.startsWith(target(volume)))
                    .max(Comparator.comparingInt(volume -> target(volume).getNameCount()))
                    .orElseThrow(() -> new AssertionError(name + ": no volume holds " + path));
        }

        private static Path target(String volume) {
            return Path.of(volume.split(":")[1]);
        }
    }

    @BeforeAll
    static void readComposeFile() throws IOException {
        services = ourServices(ROOT.resolve("docker-compose.yml"));
    }

    @Test
    void runsTheStreamingTrainerAndApiServices() {
        assertEquals(Set.of("streaming", "trainer", "api"),
                services.values().stream().map(Service::subcommand).collect(Collectors.toSet()));
        Path dockerfile = ROOT.resolve("Dockerfile");
        assertTrue(Files.isRegularFile(dockerfile), "the services are built from " + dockerfile);
    }

    @Test
    void commandsAreItem2vecSubcommandsWithTheirOwnOptions() {
        List<String> problems = new ArrayList<>();
        for (Service service : services.values()) {
            Command command = Item2Vec.commands().stream()
                    .filter(c -> c.name().equals(service.subcommand())).findFirst().orElse(null);
            if (command == null) {
                problems.add(service.name() + ": '" + service.subcommand() + "' is not an item2vec command");
                continue;
            }
            Set<String> spellings = new TreeSet<>();
            command.options().forEach(option -> spellings.addAll(option.spellings()));
            service.command().stream().skip(1).filter(arg -> arg.startsWith("-"))
                    .map(arg -> arg.split("=", 2)[0])
                    .filter(option -> !spellings.contains(option))
                    .forEach(option -> problems.add(service.name() + ": item2vec " + command.name()
                            + " has no option " + option));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyVariableIsASettingItsServiceReads() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Service service : services.values()) {
            Set<String> known = new TreeSet<>(JVM_VARIABLES);
            settingsRead(service).forEach(key -> known.add(variableName(key)));
            service.environment().keySet().stream()
                    .filter(variable -> !known.contains(variable))
                    .forEach(variable -> problems.add(service.name() + ": " + variable
                            + " is not read by item2vec " + service.subcommand()));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theNightlyRetrainIsScheduledExplicitly() {
        Service trainer = running("trainer");
        assertTrue(trainer.environment().containsKey("ITEM2VEC_RETRAIN_SCHEDULE"), trainer.environment().toString());
        assertNotNull(RetrainConfig.from(settings(trainer)).schedule(), "the retrain is scheduled, not off");
    }

    @Test
    void theApiReadsWhatTheTrainerWritesFromTheSameVolumeReadOnly() {
        Service trainer = running("trainer");
        Service api = running("api");
        Path data = Path.of(api.environment().get("ITEM2VEC_API_DATA_DIR"));
        Path model = Path.of(trainer.environment().get("ITEM2VEC_TRAINER_DATA_DIR"));
        Path versions = Path.of(trainer.environment().get("ITEM2VEC_TRAINER_VERSIONS_DIR"));

        assertEquals(data.resolve("model"), model);
        assertEquals(data.resolve("versions"), versions);
        assertEquals(api.volumeHolding(data), trainer.volumeHolding(model) + ":ro");
        assertEquals(trainer.volumeHolding(model), trainer.volumeHolding(versions));
    }

    private static Service running(String subcommand) {
        return services.values().stream().filter(service -> service.subcommand().equals(subcommand))
                .findFirst().orElseThrow(() -> new AssertionError("no service runs item2vec " + subcommand));
    }

    /**
     * The keys the service's command reads: for {@code streaming}, {@code trainer} and {@code retrain} those their
     * configurations ask their {@link Settings} for while being built from the service's environment (which also
     * checks the values); for {@code api} every key of its {@code application.yml}, which holds all its settings.
     */
    private static Set<String> settingsRead(Service service) throws IOException {
        Settings settings = settings(service);
        switch (service.subcommand()) {
            case "streaming" -> StreamingConfig.from(settings);
            case "trainer" -> {
                TrainerConfig.from(settings);
                RetrainConfig.from(settings);
            }
            case "retrain" -> RetrainConfig.from(settings);
            case "api" -> {
                // The API's own settings are in its application.yml; the Kafka and topic settings it shares
                // with the other services it reads through service's KafkaSettings and Topics.
                KafkaSettings.bootstrapServers(settings);
                Topics.from(settings);
                Set<String> keys = new TreeSet<>(apiKeys());
                keys.addAll(settings.keysRead());
                return keys;
            }
            default -> throw new AssertionError(service.name() + ": no settings known for " + service.subcommand());
        }
        return settings.keysRead();
    }

    private static Settings settings(Service service) {
        return Settings.load(null, service.environment(), Map.of());
    }

    private static Set<String> apiKeys() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("api/src/main/resources/application.yml"))) {
            flatten("", new Yaml().load(reader), keys);
        }
        return keys.keySet();
    }

    private static void flatten(String prefix, Object node, Map<String, String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) ->
                    flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, keys));
        } else {
            keys.put(prefix, String.valueOf(node));
        }
    }

    /** {@code item2vec.api.data-dir} is {@code ITEM2VEC_API_DATA_DIR}. */
    private static String variableName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The services built from our Dockerfile, with their commands and environments as the containers get them. */
    private static Map<String, Service> ourServices(Path composeFile) throws IOException {
        Map<?, ?> compose;
        try (Reader reader = Files.newBufferedReader(composeFile)) {
            compose = new Yaml().load(reader);
        }
        Map<String, Service> result = new LinkedHashMap<>();
        ((Map<?, ?>) compose.get("services")).forEach((name, definition) -> {
            Map<?, ?> service = (Map<?, ?>) definition;
            if (service.containsKey("build")) {
                result.put(String.valueOf(name), new Service(String.valueOf(name), command(service.get("command")),
                        environment(service.get("environment")), volumes(service.get("volumes"))));
            }
        });
        assertFalse(result.isEmpty(), "no service of " + composeFile + " is built from the Dockerfile");
        return result;
    }

    private static List<String> command(Object command) {
        if (command == null) {
            return List.of();
        }
        if (command instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return Arrays.asList(String.valueOf(command).trim().split("\\s+"));
    }

    private static List<String> volumes(Object volumes) {
        return volumes instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** A map or a list of {@code NAME=value}; values as Compose substitutes them when no variable is set. */
    private static Map<String, String> environment(Object environment) {
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((name, value) ->
                    result.put(String.valueOf(name), value == null ? "" : defaults(String.valueOf(value))));
        } else if (environment instanceof List<?> list) {
            list.forEach(entry -> {
                String[] parts = String.valueOf(entry).split("=", 2);
                result.put(parts[0], parts.length == 2 ? defaults(parts[1]) : "");
            });
        }
        return result;
    }

    /** {@code ${NAME:-default}} becomes its default, {@code ${NAME}} empty. */
    private static String defaults(String value) {
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String fallback = matcher.group(2) == null ? "" : matcher.group(2);
            matcher.appendReplacement(result, Matcher.quoteReplacement(fallback));
        }
        matcher.appendTail(result);
        return result.toString().replace("$$", "$");
    }
}
