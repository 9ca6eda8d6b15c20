package org.item2vec.service.status;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class StatusServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthFollowsTheServiceAndMetricsUseThePrometheusFormat() throws Exception {
        Metrics metrics = new Metrics("item2vec_test");
        metrics.counter("events_total", "Events read").add(5);
        metrics.counter("dead_letters_total", "Rejected", "reason=\"late\"").increment();
        metrics.counter("dead_letters_total", "Rejected", "reason=\"empty\"").add(2);
        metrics.gauge("vocabulary_size", "Items known", () -> 42);
        AtomicBoolean up = new AtomicBoolean(true);
        try (StatusServer server = new StatusServer(0, metrics,
                () -> new StatusServer.Health(up.get(), up.get() ? "running" : "kafka \"unreachable\""))) {
            HttpResponse<String> health = get(server.port(), "/health");
            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"UP\",\"detail\":\"running\"}", health.body());

            up.set(false);
            HttpResponse<String> down = get(server.port(), "/health");
            assertEquals(503, down.statusCode());
            assertEquals("{\"status\":\"DOWN\",\"detail\":\"kafka \\\"unreachable\\\"\"}", down.body());

            String text = get(server.port(), "/metrics").body();
            assertTrue(text.contains("# TYPE item2vec_test_events_total counter\nitem2vec_test_events_total 5\n"), text);
            assertTrue(text.contains("item2vec_test_dead_letters_total{reason=\"late\"} 1\n"), text);
            assertTrue(text.contains("item2vec_test_dead_letters_total{reason=\"empty\"} 2\n"), text);
            assertTrue(text.contains("# TYPE item2vec_test_vocabulary_size gauge\nitem2vec_test_vocabulary_size 42\n"), text);
            assertEquals(3, metrics.total("dead_letters_total"));

            assertEquals(404, get(server.port(), "/nothing").statusCode());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/health"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
        }
    }

    @Test
    void periodicReportPrintsRatesSinceThePreviousLineAndSurvivesAFailingLine() throws Exception {
        LongAdder events = new LongAdder();
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicBoolean failNext = new AtomicBoolean(true);
        try (PeriodicReport report = new PeriodicReport(Duration.ofMillis(100), new LongSupplier[] {events::sum},
                rates -> {
                    if (failNext.getAndSet(false)) {
                        throw new IllegalStateException("boom");
                    }
                    return "delta " + rates.delta(0) + " total " + rates.total(0);
                }, lines::add)) {
            events.add(7);
            await("three status lines").atMost(Duration.ofSeconds(60)).until(() -> lines.size() >= 3);
        }
        assertTrue(lines.get(0).startsWith("status report failed"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("total 7")), lines.toString());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("delta ")), lines.toString());
    }
}
