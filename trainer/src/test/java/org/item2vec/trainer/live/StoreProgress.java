package org.item2vec.trainer.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.item2vec.store.EmbeddingStore;
import org.item2vec.store.EmbeddingStoreReader;

/** Watches a trainer's store from outside, as a reader would: through a follower. */
final class StoreProgress {
    private StoreProgress() {
    }

    /** The progress the store holds now; {@code scratch} takes the follower's own files. */
    static EmbeddingStore.Progress read(Path store, Path scratch) {
        try (EmbeddingStoreReader follower = EmbeddingStoreReader.openFollower(store, scratch.resolve("follower-" + System.nanoTime()))) {
            return follower.progress();
        }
    }

    /** Waits until the store holds the effect of at least {@code messages} messages. */
    static void awaitApplied(Path store, Path scratch, long messages, Duration timeout) {
        Awaitility.await("the trainer's store applying " + messages + " messages").atMost(timeout)
                .untilAsserted(() -> {
                    assertTrue(Files.exists(store.resolve("CURRENT")), "no store yet");
                    EmbeddingStore.Progress now = read(store, scratch);
                    assertTrue(now.appliedMessages() >= messages, () -> "so far: " + now);
                });
    }
}
