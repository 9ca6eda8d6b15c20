package org.item2vec.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.service.config.Settings;

/**
 * The options every long-running service command shares, and how they become {@link Settings}: the
 * {@code --config} file first, then {@code ITEM2VEC_*} environment variables, then the other options.
 */
final class ServiceSettings {
    static final String CONFIG = "--config";
    static final String BOOTSTRAP_SERVERS = "--bootstrap-servers";
    static final String STATUS_PORT = "--status-port";

    private ServiceSettings() {
    }

    static List<Option> options(String defaultStatusPort) {
        return List.of(
                Option.of(CONFIG, "FILE", null, "settings file (.properties or .yml); ITEM2VEC_* variables override it"),
                Option.of(BOOTSTRAP_SERVERS, "HOST:PORT", KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS, "Kafka brokers"),
                Option.of(STATUS_PORT, "PORT", defaultStatusPort, "port of /health and /metrics (-1: off)"));
    }

    /**
     * @param optionKeys which setting each given option sets, e.g. {@code --state-dir} to
     *                   {@code item2vec.streaming.state-dir}
     */
    static Settings load(Arguments args, Map<String, String> optionKeys) {
        Map<String, String> overrides = new LinkedHashMap<>();
        optionKeys.forEach((option, key) -> {
            if (args.has(option)) {
                overrides.put(key, args.string(option));
            }
        });
        Path file = args.has(CONFIG) ? args.path(CONFIG) : null;
        return Settings.load(file, System.getenv(), overrides);
    }

    /** Removes a shutdown hook after a normal stop; while the JVM is already stopping, that is not allowed. */
    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: the JVM is stopping because of Ctrl-C or SIGTERM.
        }
    }
}
