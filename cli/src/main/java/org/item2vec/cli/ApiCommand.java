package org.item2vec.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintStream;
import java.net.BindException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.item2vec.api.Application;

/**
 * {@code item2vec api}: the recommendation API over the trainer's models, until stopped (Ctrl-C or SIGTERM).
 * Its settings are in the API's {@code application.yml}; options and {@code ITEM2VEC_API_*} or
 * {@code MICRONAUT_*} environment variables override them.
 */
final class ApiCommand implements Command {
    static final String DATA_DIR = "--data-dir";
    static final String PORT = "--port";
    static final String CONFIG = "--config";

    @Override
    public String name() {
        return "api";
    }

    @Override
    public String summary() {
        return "serve recommendations over HTTP from the published and live models";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.of(DATA_DIR, "DIR", "data", "the trainer's data: live store in DIR/model, versions in DIR/versions"),
                Option.of(PORT, "PORT", "8080", "HTTP port"),
                Option.of(CONFIG, "FILE", null, "a YAML or properties file overriding application.yml"));
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (args.has(DATA_DIR)) {
            properties.put("item2vec.api.data-dir", args.string(DATA_DIR));
        }
        if (args.has(PORT)) {
            properties.put("micronaut.server.port", args.integer(PORT, 0, 65535));
        }
        if (args.has(CONFIG)) {
            properties.put("micronaut.config.files", args.path(CONFIG).toString());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ApplicationContext[] context = new ApplicationContext[1];
        return ServiceCommands.runUntilStopped(name(), () -> {
                    context[0] = start(properties);
                    EmbeddedServer server = context[0].getBean(EmbeddedServer.class);
                    ServiceCommands.timestamped(err).accept("api: listening on " + server.getURL()
                            + " (GET /recommend?item=ID, /items, /models, /experiments, /health, /prometheus)");
                },
                () -> {
                    stopped.await();
                    return false;
                },
                () -> {
                    if (context[0] != null && context[0].isRunning()) {
                        context[0].getBean(EmbeddedServer.class).stop();
                        context[0].close();
                    }
                    stopped.countDown();
                });
    }

    /**
     * Starts the server; a failure (port in use, bad setting) becomes one line naming its root cause. The
     * context is started without Micronaut's launcher, whose own shutdown hook would race this command's
     * close on SIGTERM.
     */
    static ApplicationContext start(Map<String, Object> properties) {
        ApplicationContext context = null;
        try {
            context = ApplicationContext.builder().mainClass(Application.class).properties(properties).start();
            context.getBean(EmbeddedServer.class).start();
            return context;
        } catch (RuntimeException e) {
            if (context != null && context.isRunning()) {
                context.close();
            }
            Throwable root = StartupException.rootCause(e);
            String reason = root instanceof BindException
                    ? "port " + properties.getOrDefault("micronaut.server.port", 8080) + " is in use (" + root.getMessage() + ")"
                    : root.getMessage();
            throw new StartupException("cannot start the API: " + reason, e);
        }
    }
}
