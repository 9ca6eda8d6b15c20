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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.item2vec.api.TestModels;
import org.item2vec.experiment.assign.Assignment;
import org.item2vec.experiment.define.Experiment;
import org.item2vec.experiment.define.ExperimentJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Experiments over real HTTP: serving under an experiment, assignment, interleaving, and the admin endpoint.
 * The model is {@link ApiEndpointsTest}'s: Paris items p1–p4, Rome items r1–r2, r1 the nearest to p1 overall.
 * Impressions are not logged here ({@code ImpressionLogTest} does that against a real broker).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExperimentEndpointsTest implements TestPropertyProvider {
    private static final String TOKEN = "s3cret-token";
    private static final String EXPERIMENTS = """
            {"experiments": [
              {"id": "layout", "salt": "layout-1", "variants": [
                {"name": "control"}, {"name": "wide", "strategy": "any-market", "k": 2}]},
              {"id": "ranker", "mode": "interleaving", "variants": [
                {"name": "embeddings"}, {"name": "popular", "strategy": "popularity"}]},
              {"id": "paused", "status": "stopped", "variants": [{"name": "a"}, {"name": "b"}]}
            ]}""";

    @Inject
    EmbeddedServer server;

    private HttpTester http;
    private Path data;

    @Override
    public Map<String, String> getProperties() {
        try {
            data = Files.createTempDirectory("item2vec-experiment-test");
            TestModels.marketplace().publish(data.resolve("versions"));
            Files.writeString(data.resolve("experiments.json"), EXPERIMENTS);
            return Map.of("item2vec.api.data-dir", data.toString(), "micronaut.server.port", "-1",
                    "item2vec.experiments.admin-token", TOKEN, "item2vec.experiments.log-impressions", "false",
                    "item2vec.experiments.interleaving-seed", "42",
                    // No broker here: reports have no counts, and nothing else needs Kafka.
                    "item2vec.kafka.bootstrap-servers", "127.0.0.1:1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void client() {
        http = new HttpTester(server.getURI());
    }

    @Test
    void listsTheExperimentsWithTheirDefaultsFilledIn() {
        HttpTester.Reply reply = http.get("/experiments");
        assertEquals(200, reply.status(), reply.body());
        JsonNode experiments = reply.json().get("experiments");
        assertEquals(3, experiments.size());
        JsonNode layout = experiments.get(0);
        assertEquals("layout", layout.get("id").asText());
        assertEquals("ab", layout.get("mode").asText());
        assertEquals("running", layout.get("status").asText());
        assertEquals(1.0, layout.get("variants").get(0).get("weight").asDouble());
        assertEquals("similar-in-market", layout.get("variants").get(0).get("strategy").asText());
        assertEquals("ranker", http.get("/experiments/ranker").json().get("id").asText());
        assertEquals(404, http.get("/experiments/nope").status());
    }

    @Test
    void eachUserKeepsTheVariantTheHashGivesAndTheResponseNamesIt() throws Exception {
        Experiment layout = ExperimentJson.parseAll(EXPERIMENTS.getBytes(StandardCharsets.UTF_8)).get(0);
        Set<String> seen = new HashSet<>();
        for (int u = 0; u < 20; u++) {
            String user = "user-" + u;
            String expected = Assignment.variant(layout, user).name();
            for (int again = 0; again < 2; again++) {
                JsonNode body = http.get("/recommend?item=p1&user=" + user).json();
                assertEquals("layout", body.get("experiment").asText());
                assertEquals(expected, body.get("variant").asText(), user);
                assertEquals(user, body.get("user").asText());
            }
            seen.add(expected);
        }
        assertEquals(Set.of("control", "wide"), seen, "20 users should reach both halves");
    }

    @Test
    void theVariantDecidesHowTheListIsMade() throws Exception {
        Experiment layout = ExperimentJson.parseAll(EXPERIMENTS.getBytes(StandardCharsets.UTF_8)).get(0);
        String control = userIn(layout, "control");
        String wide = userIn(layout, "wide");
        HttpTester.Reply inMarket = http.get("/recommend?item=p1&k=3&user=" + control);
        assertEquals(List.of("p2", "p3", "p4"), inMarket.items());
        assertEquals("paris", inMarket.json().get("market").asText());
        // The wide variant searches every market and shows 2 items, whatever the request's k.
        HttpTester.Reply anyMarket = http.get("/recommend?item=p1&k=3&user=" + wide);
        assertEquals(List.of("r1", "p2"), anyMarket.items());
        assertTrue(anyMarket.json().get("market").isNull());
    }

    @Test
    void aRequestWithoutAUserGetsTheControl() {
        JsonNode body = http.get("/recommend?item=p1&k=3").json();
        assertEquals("layout", body.get("experiment").asText());
        assertEquals("control", body.get("variant").asText());
        assertEquals("paris", body.get("market").asText());
    }

    @Test
    void experimentNoneOptsOutAndAStoppedExperimentServesPlainLists() {
        for (String experiment : List.of("none", "paused")) {
            JsonNode body = http.get("/recommend?item=p1&user=u1&experiment=" + experiment).json();
            assertTrue(body.get("experiment").isNull(), experiment);
            assertTrue(body.get("variant").isNull(), experiment);
        }
        HttpTester.Reply unknown = http.get("/recommend?item=p1&experiment=nope");
        assertEquals(404, unknown.status());
        assertTrue(unknown.json().get("message").asText().contains("no experiment 'nope'"), unknown.body());
    }

    @Test
    void interleavingMergesBothListsAndNamesEachItemsTeam() {
        List<String> embeddings = http.get("/recommend?item=p1&k=3&experiment=none").items();
        List<String> popular = http.get("/recommend?item=p1&k=3&mode=popular&experiment=none").items();
        assertEquals(List.of("p2", "p3", "p4"), embeddings);
        HttpTester.Reply reply = http.get("/recommend?item=p1&k=3&user=u1&experiment=ranker");
        assertEquals(200, reply.status(), reply.body());
        JsonNode body = reply.json();
        assertEquals("ranker", body.get("experiment").asText());
        assertEquals("interleaved", body.get("variant").asText());
        List<String> teams = new ArrayList<>();
        for (JsonNode item : body.get("recommendations")) {
            String team = item.get("team").asText();
            teams.add(team);
            List<String> source = team.equals("embeddings") ? embeddings : popular;
            assertTrue(source.contains(item.get("item").asText()), item + " is not in " + team + "'s list");
        }
        assertEquals(3, teams.size());
        assertTrue(teams.contains("embeddings") && teams.contains("popular"), teams.toString());
        // Without a user there is nothing to interleave for: the control's own list.
        JsonNode anonymous = http.get("/recommend?item=p1&k=3&experiment=ranker").json();
        assertEquals("embeddings", anonymous.get("variant").asText());
        assertTrue(anonymous.get("recommendations").get(0).get("team").isNull());
    }

    @Test
    void popularityRanksTheMarketsItemsByClicks() {
        HttpTester.Reply reply = http.get("/recommend?item=p4&mode=popular&experiment=none");
        assertEquals(List.of("p1", "p2", "p3"), reply.items());
        assertEquals(50.0, reply.json().get("recommendations").get(0).get("score").asDouble());
        assertEquals(List.of("p1", "r1", "p2"), http.get("/recommend?item=p4&k=3&mode=popular&market=any"
                + "&experiment=none").items());
    }

    @Test
    void aReportWithoutCountsListsTheVariantsAndSaysWhy() {
        HttpTester.Reply reply = http.get("/experiments/layout/report");
        assertEquals(200, reply.status(), reply.body());
        JsonNode report = reply.json();
        assertEquals("users", report.get("unit").asText());
        assertEquals("control", report.get("control").asText());
        assertEquals(2, report.get("variants").size());
        assertEquals(0, report.get("variants").get(1).get("users").asLong());
        assertTrue(report.get("variants").get(1).get("clickComparison").isNull());
        assertFalse(report.get("sampleRatio").get("mismatch").asBoolean());
        assertTrue(report.get("notes").get(0).asText().startsWith("no counts yet"), reply.body());
        assertTrue(http.get("/experiments/ranker/report?unit=exposures").json().get("interleaving").isObject());
        HttpTester.Reply badUnit = http.get("/experiments/layout/report?unit=clicks");
        assertEquals(400, badUnit.status());
        assertTrue(badUnit.json().get("message").asText().contains("users or exposures"), badUnit.body());
        assertEquals(404, http.get("/experiments/nope/report").status());
    }

    @Test
    void adminChangesNeedTheToken() {
        String body = "{\"variants\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}";
        assertEquals(401, put("tokenless", body, null).status());
        HttpTester.Reply wrong = put("tokenless", body, "wrong");
        assertEquals(401, wrong.status());
        assertTrue(wrong.json().get("message").asText().contains("Bearer"), wrong.body());
        assertEquals(404, http.get("/experiments/tokenless").status());
        assertEquals(401, http.send(HttpRequest.newBuilder(http.uri("/admin/experiments/layout")).DELETE().build())
                .status());
        assertEquals(200, http.get("/experiments/layout").status());
    }

    @Test
    void adminDefinesReplacesAndRemovesExperimentsAndTheFileKeepsThem() throws IOException {
        HttpTester.Reply created = put("new-one", "{\"description\": \"try k\", \"variants\": ["
                + "{\"name\": \"c\"}, {\"name\": \"t\", \"k\": 5, \"model\": \"v000001\"}]}", TOKEN);
        assertEquals(201, created.status(), created.body());
        assertEquals("new-one", created.json().get("salt").asText());
        assertTrue(Files.readString(data.resolve("experiments.json")).contains("\"new-one\""));
        HttpTester.Reply replaced = put("new-one", "{\"status\": \"stopped\", \"variants\": ["
                + "{\"name\": \"c\"}, {\"name\": \"t\"}]}", TOKEN);
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals("stopped", http.get("/experiments/new-one").json().get("status").asText());
        HttpTester.Reply deleted = http.send(HttpRequest.newBuilder(http.uri("/admin/experiments/new-one"))
                .header("Authorization", "Bearer " + TOKEN).DELETE().build());
        assertEquals(204, deleted.status(), deleted.body());
        assertFalse(Files.readString(data.resolve("experiments.json")).contains("\"new-one\""));
        assertEquals(404, http.send(HttpRequest.newBuilder(http.uri("/admin/experiments/new-one"))
                .header("Authorization", "Bearer " + TOKEN).DELETE().build()).status());
    }

    @Test
    void adminRefusesBadDefinitionsSayingWhy() {
        assertRefused("{\"variants\": [{\"name\": \"only\"}]}", "at least two variants");
        assertRefused("{\"variants\": [{\"name\": \"a\", \"weigth\": 2}, {\"name\": \"b\"}]}", "unknown field 'weigth'");
        assertRefused("{\"variants\": [{\"name\": \"a\", \"model\": \"v000009\"}, {\"name\": \"b\"}]}",
                "model 'v000009' is not published");
        assertRefused("{\"variants\": [{\"name\": \"a\", \"k\": 500}, {\"name\": \"b\"}]}", "max-k");
        assertRefused("{\"variants\": [", "malformed JSON");
        assertRefused("", "no JSON");
        assertEquals(404, http.get("/experiments/refused").status());
    }

    private void assertRefused(String body, String reason) {
        HttpTester.Reply reply = put("refused", body, TOKEN);
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.json().get("message").asText().contains(reason), reply.body());
    }

    private HttpTester.Reply put(String id, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri("/admin/experiments/" + id))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build());
    }

    private static String userIn(Experiment experiment, String variant) {
        for (int u = 0; ; u++) {
            if (Assignment.variant(experiment, "user-" + u).name().equals(variant)) {
                return "user-" + u;
            }
        }
    }
}
