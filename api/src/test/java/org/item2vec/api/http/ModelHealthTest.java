package org.item2vec.api.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.item2vec.api.TestModels;
import org.item2vec.learn.online.ColdStart;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.learn.online.OnlineParams;
import org.item2vec.store.EmbeddingStoreWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health} over a real socket while the trainer's live store holds no items yet, as it does right after the
 * trainer created it: down (503) until a model that can answer a request is served.
 */
class ModelHealthTest {
    @TempDir
    Path dir;

    @Test
    void downWhileTheLiveStoreIsEmptyAndUpOnceTheTrainerHasLearnedItems() {
        OnlineParams params = TestModels.trio().params();
        createEmptyLiveStore(params);
        try (ApplicationContext api = startApi()) {
            HttpTester http = new HttpTester(api.getBean(EmbeddedServer.class).getURI());
            HttpTester.Reply health = http.get("/health");
            assertEquals(503, health.status(), health.body());
            assertEquals("DOWN", health.json().get("status").asText(), health.body());
            assertTrue(health.body().contains("no model with items is served yet"), health.body());

            OnlineModel model = new OnlineModel(params);
            SplittableRandom random = new SplittableRandom(1);
            model.observe("x", ColdStart.NONE, random);
            model.observe("y", ColdStart.NONE, random);
            try (EmbeddingStoreWriter store = EmbeddingStoreWriter.open(dir.resolve("model"))) {
                store.save(model, Map.of("sessions:0", 1L), List.of(), 1);
            }
            await("health up once the live model holds items").atMost(Duration.ofSeconds(60))
                    .until(() -> http.get("/health").status() == 200);
            assertEquals("UP", http.get("/health").json().get("status").asText());
            HttpTester.Reply recommended = http.get("/recommend?item=x");
            assertEquals(200, recommended.status(), recommended.body());
            assertEquals("live", recommended.json().get("modelVersion").asText());
        }
    }

    @Test
    void anEmptyLiveStoreDoesNotHideAPublishedVersion() {
        TestModels.marketplace().publish(dir.resolve("versions"));
        createEmptyLiveStore(TestModels.marketplace().params());
        try (ApplicationContext api = startApi()) {
            HttpTester http = new HttpTester(api.getBean(EmbeddedServer.class).getURI());
            HttpTester.Reply health = http.get("/health");
            assertEquals(200, health.status(), health.body());
            assertEquals("UP", health.json().get("status").asText());
            HttpTester.Reply recommended = http.get("/recommend?item=p1");
            assertEquals(200, recommended.status(), recommended.body());
            assertEquals("v000001", recommended.json().get("modelVersion").asText());
        }
    }

    /** The live store as the trainer creates it, before it has learned anything. */
    private void createEmptyLiveStore(OnlineParams params) {
        try (EmbeddingStoreWriter store = EmbeddingStoreWriter.open(dir.resolve("model"))) {
            store.initialize(params);
            store.saveEverything(new OnlineModel(params), Map.of(), List.of(), 0);
        }
    }

    private ApplicationContext startApi() {
        ApplicationContext context = ApplicationContext.run(Map.of("item2vec.api.data-dir", dir.toString(),
                "micronaut.server.port", -1));
        context.getBean(EmbeddedServer.class).start();
        return context;
    }
}
