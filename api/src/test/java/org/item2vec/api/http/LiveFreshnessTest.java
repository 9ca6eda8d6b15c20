package org.item2vec.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.item2vec.api.TestModels;
import org.item2vec.trainer.online.OnlineModel;
import org.item2vec.trainer.store.EmbeddingStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API serves the trainer's live store with the default settings: what the trainer saves shows in
 * {@code /recommend} within the refresh interval (1 s), measured over real HTTP.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveFreshnessTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    private EmbeddingStore trainerStore;
    private OnlineModel model;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path data = Files.createTempDirectory("item2vec-live-test");
            TestModels models = TestModels.trio();
            model = models.build();
            trainerStore = models.startLiveStore(data.resolve("model"), model);
            return Map.of("item2vec.api.data-dir", data.toString(), "micronaut.server.port", "-1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void closeStore() {
        trainerStore.close();
    }

    @Test
    void aSavedUpdateIsServedWithinTheRefreshInterval() throws InterruptedException {
        HttpTester http = new HttpTester(server.getURI());
        HttpTester.Reply before = http.get("/recommend?item=x&mode=next");
        assertEquals(200, before.status(), before.body());
        assertEquals("live", before.json().get("modelVersion").asText());
        assertEquals("y", before.items().get(0));

        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 300; i++) {
            model.trainPair(model.rowOf("x"), model.rowOf("z"), random);
        }
        trainerStore.save(model, Map.of("sessions:0", 1L), List.of(), 1);
        long saved = System.nanoTime();
        while (!http.get("/recommend?item=x&mode=next").items().get(0).equals("z")) {
            assertTrue(System.nanoTime() - saved < 5_000_000_000L, "the update never showed");
            Thread.sleep(10);
        }
        long millis = (System.nanoTime() - saved) / 1_000_000;
        System.out.println("a saved update was served after " + millis + " ms");
        assertEquals(1, http.get("/models").json().get("models").get(0).get("appliedMessages").asLong());
    }
}
