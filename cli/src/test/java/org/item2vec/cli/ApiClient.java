package org.item2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * GETs over a real socket to an API that a test started on {@code localhost}, in its own JVM or another: one call, or
 * calls until the answer is the one expected, since the API serves what its models have learned so far.
 */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final int port;

    ApiClient(int port) {
        this.port = port;
    }

    /** One call, which must answer {@code status}; returns the body. */
    JsonNode get(String path, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path);
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /**
     * Calls until the answer has {@code status} and a body that satisfies {@code until}, and returns that body;
     * fails with the last answer when {@code within} passes first. A refused connection counts as no answer yet:
     * the API may still be starting.
     */
    JsonNode await(String path, int status, Predicate<JsonNode> until, Duration within) {
        AtomicReference<JsonNode> answer = new AtomicReference<>();
        Awaitility.await(path).atMost(within).pollInterval(POLL_INTERVAL).untilAsserted(() -> {
            HttpResponse<String> response;
            try {
                response = send(path);
            } catch (ConnectException notListeningYet) {
                throw new AssertionError("connection refused", notListeningYet);
            }
            assertEquals(status, response.statusCode(), response.body());
            JsonNode body = JSON.readTree(response.body());
            assertTrue(until.test(body), () -> "not the answer expected: " + response.body());
            answer.set(body);
        });
        return answer.get();
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
