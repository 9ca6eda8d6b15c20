package org.item2vec.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.item2vec.api.Application;

/** The recommendation API started in this JVM on a free port, serving the published versions of a data dir. */
final class InProcessApi implements AutoCloseable {
    private final ApplicationContext context;
    private final int port;

    private InProcessApi(ApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    /** Returns once the models are loaded and indexed: the registry loads them while the server starts. */
    static InProcessApi start(Path dataDir, boolean accessLog) throws IOException {
        return start(dataDir, accessLog, Map.of());
    }

    /** @param settings more settings of the API, such as {@code item2vec.experiments.log-impressions} */
    static InProcessApi start(Path dataDir, boolean accessLog, Map<String, Object> settings) throws IOException {
        int port = freePort();
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("item2vec.api.data-dir", dataDir.toString());
        properties.put("item2vec.api.live-dir", "none");
        properties.put("micronaut.server.port", port);
        properties.put("micronaut.server.netty.access-logger.enabled", accessLog);
        ApplicationContext context = Micronaut.build(new String[0]).mainClass(Application.class)
                .properties(properties).banner(false).start();
        return new InProcessApi(context, port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** The API's metrics, those {@code /prometheus} shows. */
    MeterRegistry meters() {
        return context.getBean(MeterRegistry.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
