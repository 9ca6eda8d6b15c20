package org.item2vec.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A main class run in a JVM of its own, with the test's class path, its output (stdout and stderr) going to
 * a file. Tests that kill a service with SIGKILL, or stop it with SIGTERM, need it in a process of its own
 * rather than in the test's JVM.
 *
 * <p>Failures are {@link AssertionError}s that carry the child's output, so a test report shows why the
 * child did not come up. Closing kills the child if it still runs. Not thread-safe.
 */
public final class ChildJvm implements AutoCloseable {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final String name;
    private final Process process;
    private final Path outputFile;

    private ChildJvm(String name, Process process, Path outputFile) {
        this.name = name;
        this.process = process;
        this.outputFile = outputFile;
    }

    /**
     * Starts {@code mainClass} with {@code args} in a new JVM: the running JVM's {@code java}, module options,
     * class path and temporary directory. {@code name} only labels failure messages.
     */
    public static ChildJvm start(String name, Class<?> mainClass, List<String> args, Path outputFile)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The modules the code needs (the Vector API, native access for RocksDB) as this JVM was given them.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-modules") || arg.startsWith("--enable-native-access"))
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                mainClass.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile())
                .start();
        return new ChildJvm(name, process, outputFile);
    }

    /** Waits until the output contains {@code text}; fails if the child exits first or the timeout passes. */
    public void awaitOutput(String text, Duration timeout) {
        try {
            Awaitility.await(name + " printing \"" + text + "\"").atMost(timeout).pollInterval(POLL_INTERVAL)
                    .failFast(() -> !process.isAlive() && !output().contains(text))
                    .until(() -> output().contains(text));
        } catch (ConditionTimeoutException e) {
            throw failure("did not print \"" + text + "\" within " + timeout);
        } catch (TerminalFailureException e) {
            throw failure("exited with " + process.exitValue() + " before printing \"" + text + "\"");
        }
    }

    /** Waits for the child to exit and returns its exit code; fails if it still runs after the timeout. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw failure("still running after " + timeout);
        }
        return process.exitValue();
    }

    /** SIGKILL: the child gets no chance to flush or shut down cleanly. Returns once it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Everything the child has written so far, stdout and stderr interleaved. */
    public String output() {
        try {
            return Files.readString(outputFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private AssertionError failure(String what) {
        String output;
        try {
            output = Files.readString(outputFile);
        } catch (IOException e) {
            output = "(output unreadable: " + e + ")";
        }
        return new AssertionError(name + " " + what + ", output:\n" + output);
    }
}
