package org.item2vec.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.item2vec.api.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every endpoint and every error status over real HTTP, against a published version whose vectors are set by
 * hand: Paris items p1–p4, Rome items r1–r2, where r1 is closer to p1 than any Paris item.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiEndpointsTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    private HttpTester http;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path data = Files.createTempDirectory("item2vec-api-test");
            TestModels.marketplace().publish(data.resolve("versions"));
            return Map.of("item2vec.api.data-dir", data.toString(), "micronaut.server.port", "-1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void client() {
        http = new HttpTester(server.getURI());
    }

    @Test
    void recommendsTheNearestItemsOfTheItemsOwnMarketBestFirst() {
        HttpTester.Reply reply = http.get("/recommend?item=p1&k=3");
        assertEquals(200, reply.status(), reply.body());
        JsonNode body = reply.json();
        assertEquals("p1", body.get("item").asText());
        assertEquals("v000001", body.get("modelVersion").asText());
        assertEquals("paris", body.get("market").asText());
        assertEquals("similar", body.get("mode").asText());
        assertFalse(body.get("coldStart").asBoolean());
        assertEquals(List.of("p2", "p3", "p4"), reply.items());
        assertEquals(0.9f / Math.sqrt(0.82), body.get("recommendations").get(0).get("score").asDouble(), 1e-5);
        String requestId = body.get("requestId").asText();
        assertFalse(requestId.isEmpty());
        assertEquals(requestId, reply.raw().headers().firstValue(RequestIds.HEADER).orElseThrow());
    }

    @Test
    void marketAnyLiftsTheMarketAndExcludeDropsItems() {
        HttpTester.Reply any = http.get("/recommend?item=p1&k=3&market=any");
        assertEquals(200, any.status(), any.body());
        assertTrue(any.json().get("market").isNull(), "no market filter");
        assertEquals(List.of("r1", "p2", "p3"), any.items());
        assertEquals(List.of("r1", "p3", "p4"), http.get("/recommend?item=p1&k=3&market=any&exclude=p2").items());
        assertEquals(List.of("r1", "r2"), http.get("/recommend?item=p1&market=rome").items());
        assertEquals(List.of("p3"), http.get("/recommend?item=p1&exclude=p2,%20p4").items());
        assertEquals(List.of(), http.get("/recommend?item=p1&market=nowhere").items());
    }

    @Test
    void nextModeRanksByInputTimesOutput() {
        HttpTester.Reply reply = http.get("/recommend?item=p1&mode=next");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(List.of("p4", "p3", "p2"), reply.items());
        assertEquals(0.9, reply.json().get("recommendations").get(0).get("score").asDouble(), 1e-6);
        assertEquals("next", reply.json().get("mode").asText());
    }

    @Test
    void aNewListingStartsFromItsPeersAndTheUserIsEchoed() {
        HttpTester.Reply reply = http.get("/recommend?item=pnew&k=2&user=u7");
        assertEquals(200, reply.status(), reply.body());
        JsonNode body = reply.json();
        assertTrue(body.get("coldStart").asBoolean());
        assertEquals("u7", body.get("user").asText());
        List<String> peers = List.of(body.get("coldStartPeers").get(0).asText(),
                body.get("coldStartPeers").get(1).asText(), body.get("coldStartPeers").get(2).asText());
        assertEquals(List.of("p1", "p2", "p3"), peers, "same market, type and bucket, nearest price first");
        // The mean of p1, p2, p3 is (0.867, 0.267): nearest p2 (0.9, 0.1), then p1 (1, 0).
        assertEquals(List.of("p2", "p1"), reply.items());
    }

    @Test
    void unknownItemsAndModelsAnswer404WithAJsonReason() {
        assertError(404, "unknown item 'zzz'", http.get("/recommend?item=zzz"));
        assertError(404, "unknown item 'zzz': it has no embedding and no listing",
                http.get("/recommend?item=zzz&mode=popular"));
        assertError(404, "no item of its market, type and price bucket", http.get("/recommend?item=lonely"));
        assertError(404, "model 'v999999' is not served", http.get("/recommend?item=p1&model=v999999"));
        assertError(404, "unknown item 'zzz'", http.get("/items/zzz"));
        assertError(404, "item 'pnew' has no embedding", http.get("/similarity?a=p1&b=pnew"));
        assertError(404, "no such endpoint: GET /nope", http.get("/nope"));
    }

    @Test
    void badParametersAnswer400SayingWhatIsWrong() {
        assertError(400, "parameter 'item' is required", http.get("/recommend"));
        assertError(400, "parameter 'item' must not be empty", http.get("/recommend?item="));
        assertError(400, "parameter 'k' must be a whole number, got 'abc'", http.get("/recommend?item=p1&k=abc"));
        assertError(400, "parameter 'k' must be between 1 and 100, got 1000", http.get("/recommend?item=p1&k=1000"));
        assertError(400, "parameter 'k' must be between 1 and 100, got 0", http.get("/recommend?item=p1&k=0"));
        assertError(400, "is 300 characters long; ids have at most 256",
                http.get("/recommend?item=" + "x".repeat(300)));
        assertError(400, "parameter 'mode' must be 'similar', 'next' or 'popular'", http.get("/recommend?item=p1&mode=best"));
        assertError(400, "parameter 'exclude' must not be empty", http.get("/recommend?item=p1&exclude=p2,,p3"));
        assertError(400, "parameter 'limit' must be between 1 and 1000", http.get("/items?limit=5000"));
        String manyIds = String.join(",", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "x" + i).toList());
        assertError(400, "parameter 'exclude' lists 101 ids; at most 100 are allowed",
                http.get("/recommend?item=p1&exclude=" + manyIds));
        assertError(400, "parameter 'user' must not be empty", http.get("/recommend?item=p1&user="));
        assertError(400, "parameter 'b' is required", http.get("/similarity?a=p1"));
        String malformed = http.raw("GET /recommend?item=%E0%A4%A HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(malformed.startsWith("HTTP/1.1 400"), malformed);
        assertFalse(malformed.contains("Exception"), malformed);
    }

    @Test
    void withoutAnAdminTokenExperimentsCannotBeChanged() {
        HttpTester.Reply reply = http.send(HttpRequest.newBuilder(http.uri("/admin/experiments/e1"))
                .header("Authorization", "Bearer anything")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"variants\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}"))
                .build());
        assertError(403, "admin endpoint is off", reply);
        assertEquals("{\"experiments\":[]}", http.get("/experiments").body().replaceAll("\\s", ""));
    }

    @Test
    void aWrongMethodAnswers405InJson() {
        HttpTester.Reply reply = http.send(HttpRequest.newBuilder(http.uri("/recommend?item=p1"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build());
        assertEquals(405, reply.status(), reply.body());
        assertEquals(405, reply.json().get("status").asInt());
    }

    @Test
    void itemsAreListedMostFrequentFirstWithTheirDetails() {
        HttpTester.Reply list = http.get("/items?limit=3");
        assertEquals(200, list.status(), list.body());
        assertEquals(6, list.json().get("total").asInt());
        JsonNode items = list.json().get("items");
        assertEquals("p1", items.get(0).get("item").asText());
        assertEquals(50, items.get(0).get("count").asLong());
        assertEquals("paris", items.get(0).get("market").asText());
        assertEquals("r1", items.get(1).get("item").asText());
        assertEquals("p2", items.get(2).get("item").asText());

        JsonNode p4 = http.get("/items/p4").json();
        assertEquals(20, p4.get("count").asLong());
        assertEquals("house", p4.get("listing").get("type").asText());
        assertEquals(1.0, p4.get("vector").get(1).asDouble());
        assertEquals(0.9, p4.get("context").get(0).asDouble(), 1e-6);
        JsonNode pnew = http.get("/items/pnew").json();
        assertTrue(pnew.get("vector").isNull(), "a listing without an embedding yet");
        assertEquals("paris", pnew.get("listing").get("market").asText());
    }

    @Test
    void similarityGivesTheCosineAndTheNextScore() {
        JsonNode body = http.get("/similarity?a=p1&b=p3").json();
        assertEquals(0.7 / Math.sqrt(0.98), body.get("cosine").asDouble(), 1e-5);
        assertEquals(0.5, body.get("nextScore").asDouble(), 1e-6, "input(p1) · output(p3)");
        assertEquals(0.0, http.get("/similarity?a=p3&b=p1").json().get("nextScore").asDouble(), 1e-6);
    }

    @Test
    void modelsHealthMetricsAndTheApiDescriptionAreServed() {
        JsonNode models = http.get("/models").json();
        assertEquals("v000001", models.get("defaultModel").asText());
        JsonNode first = models.get("models").get(0);
        assertEquals(6, first.get("items").asInt());
        assertEquals(42, first.get("offsets").get("sessions:0").asLong());
        assertEquals("test", first.get("metrics").get("source").asText());

        HttpTester.Reply health = http.get("/health");
        assertEquals(200, health.status(), health.body());
        assertEquals("UP", health.json().get("status").asText());

        http.get("/recommend?item=p1");
        HttpTester.Reply metrics = http.get("/prometheus");
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("item2vec_recommendations_total{cold_start=\"false\",mode=\"similar\"}"),
                metrics.body());
        assertTrue(metrics.body().contains("http_server_requests_seconds_count"), "request timings");

        HttpTester.Reply openApi = http.get("/swagger/item2vec-0.1.yml");
        assertEquals(200, openApi.status());
        for (String path : List.of("/recommend:", "/items:", "/items/{id}:", "/similarity:", "/models:", "/map:",
                "/status:", "/experiments:", "/experiments/{id}/report:", "/admin/experiments/{id}:")) {
            assertTrue(openApi.body().contains(path), path);
        }
    }

    @Test
    void theMapPlacesTheMostFrequentItemsWithTheirMarkets() {
        HttpTester.Reply reply = http.get("/map");
        assertEquals(200, reply.status(), reply.body());
        JsonNode body = reply.json();
        assertEquals("v000001", body.get("modelVersion").asText());
        JsonNode items = body.get("items");
        assertEquals(6, items.size(), "every item with an embedding, none of the listings without one");
        assertEquals("p1", items.get(0).get("item").asText());
        assertEquals("paris", items.get(0).get("market").asText());
        assertEquals(50, items.get(0).get("count").asLong());
        assertEquals("r1", items.get(1).get("item").asText());
        JsonNode explained = body.get("explainedVariance");
        assertEquals(2, explained.size());
        assertTrue(explained.get(0).asDouble() >= explained.get(1).asDouble());
        assertTrue(explained.get(0).asDouble() + explained.get(1).asDouble() <= 1 + 1e-9);
        // r1 is p1's nearest neighbour, r2 is orthogonal to both.
        assertTrue(mapDistance(items, 0, 1) < mapDistance(items, 0, 5), body.toString());

        JsonNode two = http.get("/map?limit=2&model=v000001").json().get("items");
        assertEquals(List.of("p1", "r1"), List.of(two.get(0).get("item").asText(), two.get(1).get("item").asText()));
    }

    private static double mapDistance(JsonNode items, int a, int b) {
        return Math.hypot(items.get(a).get("x").asDouble() - items.get(b).get("x").asDouble(),
                items.get(a).get("y").asDouble() - items.get(b).get("y").asDouble());
    }

    @Test
    void theStatusNamesTheServedModelAndItsVocabulary() {
        HttpTester.Reply reply = http.get("/status");
        assertEquals(200, reply.status(), reply.body());
        JsonNode body = reply.json();
        assertEquals("v000001", body.get("modelVersion").asText());
        assertEquals("snapshot", body.get("modelKind").asText());
        assertEquals(6, body.get("vocabularySize").asInt());
        assertEquals(0, body.get("eventsPerSecond").asDouble(), "no live model");
        assertEquals(0, body.get("appliedMessages").asLong());
        assertTrue(body.get("lastRetrain").isNull(), "a snapshot is no retrain");
    }

    @Test
    void theMapPageAndItsAssetsAreServedAtTheRoot() {
        HttpTester.Reply page = http.get("/");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.raw().headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("<canvas id=\"map\""), page.body());
        for (String asset : List.of("/assets/map.js", "/assets/map.css")) {
            HttpTester.Reply reply = http.get(asset);
            assertEquals(200, reply.status(), asset);
            assertFalse(reply.body().isEmpty(), asset);
        }
        assertError(404, "no such endpoint: GET /assets/nope.js", http.get("/assets/nope.js"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void writingToThePageOrItsAssetsAnswers405(String method) {
        for (String path : List.of("/", "/index.html", "/assets/map.css")) {
            HttpTester.Reply reply = http.send(HttpRequest.newBuilder(http.uri(path))
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build());
            assertError(405, "Method [" + method + "] not allowed for URI [" + path + "]", reply);
            assertEquals("GET,HEAD", reply.raw().headers().firstValue("Allow").orElse(""), method + " " + path);
        }
        assertError(404, "no such endpoint: POST /nope", http.send(HttpRequest.newBuilder(http.uri("/nope"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build()));
    }

    @Test
    void aUrlTooLongToReadAnswers414WithARequestId() {
        HttpTester.Reply reply = http.get("/recommend?item=" + "a".repeat(5000));
        assertError(414, "the request line is longer than", reply);
        assertEquals(reply.json().get("requestId").asText(),
                reply.raw().headers().firstValue(RequestIds.HEADER).orElse(""));
        // A line within the limit is read and judged by the API itself.
        assertError(400, "ids have at most", http.get("/recommend?item=" + "a".repeat(3000)));
    }

    @Test
    void badMapParametersAnswer400() {
        assertError(400, "parameter 'limit' must be a whole number, got 'many'", http.get("/map?limit=many"));
        assertError(400, "parameter 'limit' must be between 1 and 20000, got 0", http.get("/map?limit=0"));
        assertError(400, "parameter 'limit' must be between 1 and 20000, got 20001", http.get("/map?limit=20001"));
        assertError(400, "parameter 'model' must not be empty", http.get("/map?model="));
        assertError(404, "model 'v999999' is not served", http.get("/map?model=v999999"));
        assertError(405, "", http.send(HttpRequest.newBuilder(http.uri("/status"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build()));
    }

    private static void assertError(int status, String message, HttpTester.Reply reply) {
        assertEquals(status, reply.status(), reply.body());
        JsonNode body = reply.json();
        assertEquals(status, body.get("status").asInt());
        assertTrue(body.get("message").asText().contains(message), body.get("message").asText());
        assertFalse(body.get("requestId").asText().isEmpty());
        assertFalse(reply.body().contains("Exception"), reply.body());
    }
}
