package org.item2vec.api.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

        // The trainer applies 100 messages, saving each time, then pauses 100 ms: at most 1,000 a second, fewer
        // on a busy machine. The rate is measured over the last 5 s of refreshes, so it climbs to that within
        // seconds.
        SplittableRandom random = new SplittableRandom(3);
        OnlineModel model = trainer.model();
        AtomicLong applied = new AtomicLong();
        ScheduledExecutorService saves = Executors.newSingleThreadScheduledExecutor();
        saves.scheduleWithFixedDelay(() -> {
            model.trainPair(model.rowOf("x"), model.rowOf("y"), random);
            long total = applied.addAndGet(100);
            trainer.save(total, total);
        }, 0, 100, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        JsonNode status;
        try {
            status = await("a rate of 500 messages a second").atMost(Duration.ofSeconds(60))
                    .until(() -> http.get("/status").json(), now -> {
                        // A refresh may catch one save more than the time between two refreshes holds.
                        assertTrue(now.get("eventsPerSecond").asDouble() <= 1500, "about 1,000 a second at most: " + now);
                        return now.get("eventsPerSecond").asDouble() >= 500;
                    });
        } finally {
            saves.shutdownNow();
            assertTrue(saves.awaitTermination(30, TimeUnit.SECONDS), "the saves did not stop");
        }
        assertTrue(status.get("appliedMessages").asLong() > 0);
        System.out.println("the events/s showed " + status.get("eventsPerSecond").asDouble() + " after "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
