package org.item2vec.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.SplittableRandom;
import org.item2vec.api.LiveTrainer;
import org.item2vec.api.TestModels;
import org.item2vec.learn.online.OnlineModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /status} with a live trainer beside a retrained version: the live model is served, its message rate
 * follows the trainer's saves, and the retrain is named.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveStatusTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    private LiveTrainer trainer;

    @Override
    public Map<String, String> getProperties() {
        trainer = LiveTrainer.start("item2vec-status-test");
        TestModels.marketplace().publishRetrain(trainer.data().resolve("versions"));
        return trainer.serverProperties();
    }

    @AfterAll
    void closeStore() {
        trainer.close();
    }

    @Test
    void theLiveModelsMessageRateFollowsTheTrainersSaves() throws InterruptedException {
        HttpTester http = new HttpTester(server.getURI());
        JsonNode before = http.get("/status").json();
        assertEquals("live", before.get("modelVersion").asText());
        assertEquals("live", before.get("modelKind").asText());
        assertEquals(3, before.get("vocabularySize").asInt());
        assertEquals("v000001", before.get("lastRetrain").get("version").asText());
        assertFalse(before.get("lastRetrain").get("createdAt").asText().isEmpty());
        assertEquals(0, before.get("eventsPerSecond").asDouble(), "the trainer has applied nothing yet");

        // The trainer applies 100 messages every 100 ms, at most 1,000 a second, saving each time. The rate is
        // measured over the last 5 s of refreshes, so it climbs to that within seconds.
        SplittableRandom random = new SplittableRandom(3);
        OnlineModel model = trainer.model();
        long applied = 0;
        long start = System.nanoTime();
        JsonNode status = before;
        while (status.get("eventsPerSecond").asDouble() < 500) {
            assertTrue(System.nanoTime() - start < 15_000_000_000L, "the rate never showed: " + status);
            model.trainPair(model.rowOf("x"), model.rowOf("y"), random);
            applied += 100;
            trainer.save(applied, applied);
            Thread.sleep(100);
            status = http.get("/status").json();
            // A refresh may catch one save more than the time between two refreshes holds.
            assertTrue(status.get("eventsPerSecond").asDouble() <= 1500, "about 1,000 a second at most: " + status);
        }
        assertTrue(status.get("appliedMessages").asLong() > 0);
        System.out.println("the events/s showed " + status.get("eventsPerSecond").asDouble() + " after "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
