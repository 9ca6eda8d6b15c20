package org.item2vec.learn.online;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.item2vec.store.EmbeddingStoreWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionMemoryTest {
    @TempDir
    Path dir;

    @Test
    void theRingKeepsTheNewestSessionsByAge() {
        SessionMemory memory = new SessionMemory(3);
        assertNull(memory.aged(0));
        for (String first : List.of("a", "b", "c", "d")) {
            memory.add(List.of(first, "x"));
        }
        assertEquals(4, memory.added());
        assertEquals(3, memory.size());
        assertEquals(List.of("d", "x"), memory.aged(0));
        assertEquals(List.of("c", "x"), memory.aged(1));
        assertEquals(List.of("b", "x"), memory.aged(2));
        assertNull(memory.aged(3), "a was overwritten");
        assertArrayEquals(new int[] {0, 1, 2}, memory.takeDirtySlots());
        assertArrayEquals(new int[0], memory.takeDirtySlots());
    }

    @Test
    void eachFinishedSessionIsReplayedAtEvenAgesAndTheMemoryComesBackFromTheStore() {
        OnlineParams params = new OnlineParams(8, 3, 0.2f, 0.5, 1000, 1 << 12, 3, 2, 4);
        IncrementalTraining training = new IncrementalTraining(new OnlineModel(params), new ListingCatalog());
        List<List<String>> sessions = List.of(List.of("a", "b"), List.of("b", "c"), List.of("c", "d"),
                List.of("d", "e"), List.of("e", "f"));
        long pairsWithoutReplay = 0;
        for (int s = 0; s < sessions.size(); s++) {
            List<String> items = sessions.get(s);
            training.applyUpdate(items.get(1), items.subList(0, 1), s);
            pairsWithoutReplay += 2;
            training.applySession(items, null, 100 + s);
        }
        // Replays at ages 1 and 3 (capacity 4, 2 replays): sessions 2..5 replay one, sessions 4..5 another;
        // a replayed two-item session trains its one pair both ways.
        long replayed = training.model().appliedPairs() - pairsWithoutReplay;
        assertEquals(2 * (4 + 2), replayed);

        try (EmbeddingStoreWriter store = EmbeddingStoreWriter.open(dir.resolve("model"))) {
            store.initialize(params);
            store.save(training.model(), Map.of(), List.of(), 10);
            SessionMemory restored = store.loadModel().memory();
            assertEquals(5, restored.added());
            for (int age = 0; age < 4; age++) {
                assertEquals(training.model().memory().aged(age), restored.aged(age));
            }
        }
    }
}
