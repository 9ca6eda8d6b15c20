package org.item2vec.api.http;

import static org.awaitility.Awaitility.await;
import static org.item2vec.api.TestModels.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.item2vec.api.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * New versions are published while clients hammer {@code /recommend}: every request succeeds, and every
 * answer is wholly one version's (each version ranks a different item first).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelSwitchTest implements TestPropertyProvider {
    private static final Map<String, String> TOP_BY_VERSION =
            Map.of("v000001", "a", "v000002", "b", "v000003", "c");

    @Inject
    EmbeddedServer server;

    private Path versions;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path data = Files.createTempDirectory("item2vec-switch-test");
            versions = data.resolve("versions");
            version("a").publish(versions);
            return Map.of("item2vec.api.data-dir", data.toString(), "item2vec.api.refresh-interval", "100ms",
                    "micronaut.server.port", "-1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model of 500 items in which {@code top} is the query's nearest neighbour. */
    private static TestModels version(String top) {
        TestModels models = new TestModels(4).item("q", 1000, v(1, 0, 0, 0), v(1, 0, 0, 0));
        for (String item : List.of("a", "b", "c")) {
            models.item(item, 500, item.equals(top) ? v(1, 0.01f, 0, 0) : v(1, 0.5f, 0, 0), v(0, 1, 0, 0));
        }
        for (int i = 0; i < 500; i++) {
            models.item("filler" + i, 1, v(0, (float) Math.cos(i), (float) Math.sin(i), 1), v(0, 0, 1, 0));
        }
        return models;
    }

    @Test
    void publishingUnderLoadSwitchesAtomicallyWithoutAFailedRequest() throws Exception {
        HttpTester http = new HttpTester(server.getURI());
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> answersByVersion = new ConcurrentHashMap<>();
        CountDownLatch started = new CountDownLatch(4);
        List<Thread> clients = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread client = new Thread(() -> {
                started.countDown();
                while (!stop.get()) {
                    HttpTester.Reply reply = http.get("/recommend?item=q&k=3&market=any");
                    if (reply.status() != 200) {
                        problems.add(reply.status() + " " + reply.body());
                        continue;
                    }
                    JsonNode body = reply.json();
                    String version = body.get("modelVersion").asText();
                    String top = body.get("recommendations").get(0).get("item").asText();
                    if (!top.equals(TOP_BY_VERSION.get(version))) {
                        problems.add("version " + version + " answered " + top + " first");
                    }
                    answersByVersion.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
                }
            });
            client.start();
            clients.add(client);
        }
        started.await();
        awaitAnswersFrom("v000001", answersByVersion);
        version("b").publish(versions);
        awaitAnswersFrom("v000002", answersByVersion);
        version("c").publish(versions);
        awaitAnswersFrom("v000003", answersByVersion);
        stop.set(true);
        for (Thread client : clients) {
            client.join();
        }

        assertTrue(problems.isEmpty(), problems.size() + " bad answers, first: " + problems.peek());
        assertTrue(answersByVersion.get("v000001").get() > 0, answersByVersion.toString());
        // The older versions are still served on request, side by side with the default.
        assertEquals("a", http.get("/recommend?item=q&market=any&model=v000001").items().get(0));
        assertEquals("b", http.get("/recommend?item=q&market=any&model=v000002").items().get(0));
        JsonNode models = http.get("/models").json();
        assertEquals("v000003", models.get("defaultModel").asText());
        assertEquals(3, models.get("models").size());
    }

    /** Waits until the clients have had 50 answers from {@code version}, however busy the machine is. */
    private static void awaitAnswersFrom(String version, Map<String, AtomicInteger> answers) {
        await("50 answers from " + version).atMost(Duration.ofSeconds(60))
                .until(() -> answers.getOrDefault(version, new AtomicInteger()).get() >= 50);
    }
}
