package org.item2vec.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.service.config.Settings;

/**
 * What every long-running service command shares: its common options, how options become {@link Settings}
 * (the {@code --config} file first, then {@code ITEM2VEC_*} environment variables, then the other options),
 * timestamped status lines, and running until stopped with a clean close on Ctrl-C or SIGTERM.
 */
final class ServiceCommands {
    static final String CONFIG = "--config";
    static final String BOOTSTRAP_SERVERS = "--bootstrap-servers";
    static final String STATUS_PORT = "--status-port";
    static final Option CONFIG_OPTION = Option.of(CONFIG, "FILE", null,
            "settings file (.properties or .yml); ITEM2VEC_* variables override it");
    static final Option BOOTSTRAP_OPTION = Option.of(BOOTSTRAP_SERVERS, "HOST:PORT",
            KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS, "Kafka brokers");

    private ServiceCommands() {
    }

    /** Starts a service; may throw what a failed start throws. */
    @FunctionalInterface
    interface Start {
        void run() throws Exception;
    }

    /** Blocks until a service stops; returns whether it stopped because of an error. */
    @FunctionalInterface
    interface AwaitStop {
        boolean failed() throws InterruptedException;
    }

    static List<Option> options(String defaultStatusPort) {
        return List.of(CONFIG_OPTION, BOOTSTRAP_OPTION,
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

    /** Status lines on {@code err}, each behind the time it was written. */
    static Consumer<String> timestamped(PrintStream err) {
        return line -> err.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
    }

    /**
     * Starts a service and waits until it stops; a shutdown hook closes it on Ctrl-C or SIGTERM, and it is
     * closed in any case. Returns the exit code: 0 for a clean stop, 1 when it stopped by an error.
     */
    static int runUntilStopped(String name, Start start, AwaitStop awaitStop, Runnable close) throws Exception {
        Thread shutdown = new Thread(close, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            start.run();
            return awaitStop.failed() ? 1 : 0;
        } finally {
            close.run();
            removeHook(shutdown);
        }
    }

    /** Removes a shutdown hook after a normal stop; while the JVM is already stopping, that is not allowed. */
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: the JVM is stopping because of Ctrl-C or SIGTERM.
        }
    }
}
