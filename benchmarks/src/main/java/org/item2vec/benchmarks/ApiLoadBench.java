package org.item2vec.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Throughput and latency of {@code GET /recommend?item=<random item>&k=10} under a closed-loop load of 1, 2,
 * 4 … persistent connections, over a synthetic catalogue ({@link SyntheticCatalogue}).
 *
 * <p>Three ways to run it ({@code java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * org.item2vec.benchmarks.ApiLoadBench …}):
 * <ul>
 *   <li>by default, the API is started in this JVM, so the load generator competes with it for the CPU;
 *   <li>{@code --publish-only DIR} writes the catalogue into {@code DIR/versions} and stops, for a server run
 *       as its own process ({@code bin/item2vec api --data-dir DIR});
 *   <li>{@code --url http://host:port} drives such a server; {@code --items} must match the published run.
 * </ul>
 */
public final class ApiLoadBench {
    private static final Set<String> OPTIONS = Set.of("--items", "--dim", "--markets", "--connections", "--seconds",
            "--warmup", "--url", "--publish-only", "--access-log");
    private static final int K = 10;

    private ApiLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, OPTIONS);
        int items = options.integer("--items", 100_000);
        int dim = options.integer("--dim", 32);
        int markets = options.integer("--markets", 20);
        if (options.has("--publish-only")) {
            SyntheticCatalogue.publishInto(Path.of(options.string("--publish-only", null)), items, dim, markets);
            return;
        }
        int[] connections = options.integers("--connections", "1,2,4,8,16");
        int warmup = options.integer("--warmup", 10);
        int seconds = options.integer("--seconds", 20);
        if (options.has("--url")) {
            URI url = URI.create(options.string("--url", null));
            System.out.printf("driving the server at %s (a separate process)%n", url);
            LoadGenerator load = new LoadGenerator(url.getHost(), url.getPort(), requests(url.getHost(), url.getPort(), items));
            awaitServer(url.getHost(), url.getPort());
            runAll(load, connections, warmup, seconds);
            return;
        }
        boolean accessLog = Boolean.parseBoolean(options.string("--access-log", "true"));
        runInProcess(items, dim, markets, accessLog, connections, warmup, seconds);
    }

    private static void runInProcess(int items, int dim, int markets, boolean accessLog, int[] connections,
                                     int warmup, int seconds) throws Exception {
        try (TemporaryDirectory temporary = TemporaryDirectory.create("item2vec-api-load")) {
            Path dataDir = temporary.path();
            Path log = dataDir.resolve("server.log");
            // Set before anything logs: the access log then costs a written line per request, as in production.
            System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
            SyntheticCatalogue.publishInto(dataDir, items, dim, markets);
            long before = Heap.usedAfterGc();
            long started = System.nanoTime();
            try (InProcessApi api = InProcessApi.start(dataDir, accessLog)) {
                System.out.printf("API started in this JVM in %.1f s (models loaded and indexed); heap in use %s"
                                + " (%s before the start); access log %s%n", (System.nanoTime() - started) / 1e9,
                        Heap.mebibytes(Heap.usedAfterGc()), Heap.mebibytes(before), accessLog ? "on" : "off");
                System.out.println("the load generator runs in the same JVM, on the same cores, as the server");
                runAll(new LoadGenerator("localhost", api.port(), requests("localhost", api.port(), items)),
                        connections, warmup, seconds);
            }
            try (Stream<String> lines = Files.lines(log)) {
                System.out.printf("server log: %,d lines%n", lines.count());
            }
        }
    }

    /** One prepared request per item; the load draws from them uniformly. */
    private static byte[][] requests(String host, int port, int items) {
        byte[][] requests = new byte[items][];
        for (int i = 0; i < items; i++) {
            requests[i] = KeepAliveConnection.get(host, port, "/recommend?item=" + SyntheticCatalogue.itemId(i) + "&k=" + K);
        }
        return requests;
    }

    /** Waits until the server answers a recommendation: a separate server may still be loading its models. */
    private static void awaitServer(String host, int port) throws InterruptedException {
        byte[] probe = KeepAliveConnection.get(host, port, "/recommend?item=" + SyntheticCatalogue.itemId(0));
        long deadline = System.nanoTime() + 600_000_000_000L;
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try (KeepAliveConnection connection = new KeepAliveConnection(host, port)) {
                int status = connection.exchange(probe);
                if (status == 200) {
                    return;
                }
                last = "status " + status;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server at " + host + ":" + port + " never answered 200: " + last);
    }

    private static void runAll(LoadGenerator load, int[] connections, int warmup, int seconds)
            throws InterruptedException {
        System.out.printf("GET /recommend?item=<uniformly random item>&k=%d, %d s warm-up then %d s measured per row%n",
                K, warmup, seconds);
        System.out.println("connections     req/s   p50 ms   p90 ms   p99 ms  p99.9 ms   errors");
        for (int count : connections) {
            LoadGenerator.Result result = load.run(count, warmup, seconds);
            LatencyHistogram latencies = result.latencies();
            System.out.printf("%11d %9.0f %8.2f %8.2f %8.2f %9.2f %8d%s%n", count, result.throughput(),
                    latencies.millis(0.50), latencies.millis(0.90), latencies.millis(0.99), latencies.millis(0.999),
                    result.errors(),
                    result.firstError() == null ? "" : "  first: " + result.firstError());
        }
    }

}
