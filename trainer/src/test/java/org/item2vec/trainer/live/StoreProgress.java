package org.item2vec.trainer.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    static void awaitApplied(Path store, Path scratch, long messages, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(store.resolve("CURRENT")) && read(store, scratch).appliedMessages() >= messages) {
                return;
            }
            Thread.sleep(50);
        }
        String now = Files.exists(store.resolve("CURRENT")) ? read(store, scratch).toString() : "no store yet";
        throw new AssertionError("the trainer did not apply " + messages + " messages in " + timeout + ": " + now);
    }
}
