package org.item2vec.api.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.item2vec.api.LiveTrainer;
import org.item2vec.learn.online.OnlineModel;
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

    private LiveTrainer trainer;

    @Override
    public Map<String, String> getProperties() {
        trainer = LiveTrainer.start("item2vec-live-test");
        return trainer.serverProperties();
    }

    @AfterAll
    void closeStore() {
        trainer.close();
    }

    @Test
    void aSavedUpdateIsServedWithinTheRefreshInterval() throws InterruptedException {
        HttpTester http = new HttpTester(server.getURI());
        HttpTester.Reply before = http.get("/recommend?item=x&mode=next");
        assertEquals(200, before.status(), before.body());
        assertEquals("live", before.json().get("modelVersion").asText());
        assertEquals("y", before.items().get(0));

        SplittableRandom random = new SplittableRandom(2);
        OnlineModel model = trainer.model();
        for (int i = 0; i < 300; i++) {
            model.trainPair(model.rowOf("x"), model.rowOf("z"), random);
        }
        trainer.save(1, 1);
        long saved = System.nanoTime();
        await("the saved update served").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> http.get("/recommend?item=x&mode=next").items().get(0).equals("z"));
        long millis = (System.nanoTime() - saved) / 1_000_000;
        System.out.println("a saved update was served after " + millis + " ms");
        assertEquals(1, http.get("/models").json().get("models").get(0).get("appliedMessages").asLong());
    }
}
