package org.item2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

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
    JsonNode await(String path, int status, Predicate<JsonNode> until, Duration within)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer";
        while (System.nanoTime() - deadline < 0) {
            try {
                HttpResponse<String> response = send(path);
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == status) {
                    JsonNode body = JSON.readTree(response.body());
                    if (until.test(body)) {
                        return body;
                    }
                }
            } catch (ConnectException notListeningYet) {
                last = "connection refused";
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        throw new AssertionError(path + " did not answer as expected within " + within + "; last answer: " + last);
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
