package org.item2vec.benchmarks;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
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
        int port = freePort();
        ApplicationContext context = Micronaut.build(new String[0]).mainClass(Application.class)
                .properties(Map.of(
                        "item2vec.api.data-dir", dataDir.toString(),
                        "item2vec.api.live-dir", "none",
                        "micronaut.server.port", port,
                        "micronaut.server.netty.access-logger.enabled", accessLog))
                .banner(false).start();
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

    @Override
    public void close() {
        context.close();
    }
}
