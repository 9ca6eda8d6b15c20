package org.item2vec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.item2vec.testing.ChildJvm;
import org.item2vec.testing.FreePort;

/**
 * {@code item2vec demo} as a user starts it, in a JVM of its own so that a test can stop it with SIGTERM: its
 * broker and its API on free ports, its data under the test's directory. Closing kills it if it still runs.
 * How long it takes to start and to learn depends on the machine: the tests wait for each step and print the
 * times, with deadlines only against a demo that hangs.
 */
final class RunningDemo implements AutoCloseable {
    /** The demo's default seed, given explicitly because the tests generate their ground truth from it. */
    static final long SEED = 1;
    /** What the demo prints once everything is started. */
    private static final String STARTED = "Ctrl-C stops everything.";
    private static final Duration STARTUP = Duration.ofMinutes(5);

    private final ChildJvm jvm;
    private final int apiPort;
    private final long startNanos;

    private RunningDemo(ChildJvm jvm, int apiPort, long startNanos) {
        this.jvm = jvm;
        this.apiPort = apiPort;
        this.startNanos = startNanos;
    }

    /** Starts the demo and returns once it says that everything is started. */
    static RunningDemo start(Path dir) throws IOException, InterruptedException {
        int apiPort = FreePort.find();
        long startNanos = System.nanoTime();
        ChildJvm jvm = ChildJvm.start("demo", Item2Vec.class, List.of("demo",
                DemoCommand.DIR, dir.resolve("data").toString(),
                DemoCommand.PORT, Integer.toString(apiPort),
                DemoCommand.KAFKA_PORT, Integer.toString(FreePort.find()),
                DemoCommand.SEED, Long.toString(SEED)), dir.resolve("demo.log"));
        jvm.awaitOutput(STARTED, STARTUP);
        return new RunningDemo(jvm, apiPort, startNanos);
    }

    /** The page or call at {@code path} of the demo's API. */
    String url(String path) {
        return "http://localhost:" + apiPort + path;
    }

    /** Time since the demo was started. */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * Calls the API until it answers 200 with a body that satisfies {@code until}, and returns that body; fails,
     * showing the demo's output, once {@code within} has passed.
     */
    JsonNode await(String path, Predicate<JsonNode> until, Duration within) {
        try {
            return new ApiClient(apiPort).await(path, 200, until, within);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\ndemo output:\n" + jvm.output(), e);
        }
    }

    ChildJvm jvm() {
        return jvm;
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
