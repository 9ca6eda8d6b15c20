package org.item2vec.trainer.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.online.ColdStart;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.learn.online.OnlineParams;
import org.item2vec.store.EmbeddingStore;
import org.item2vec.store.EmbeddingStoreReader;
import org.item2vec.store.EmbeddingStoreWriter;
import org.item2vec.store.ModelVersions;
import org.item2vec.store.StoreException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreRebaseTest {
    private static final OnlineParams PARAMS = new OnlineParams(8, 3, 0.05f, 0.75, 1000, 1 << 12, 7);
    private static final Map<String, Long> OFFSETS = Map.of("sessions:0", 42L, "sessions:1", 7L);
    private static final List<Listing> LISTINGS = List.of(
            new Listing("item1", "paris", "flat", 100.0, 48.85, 2.35),
            new Listing("item2", "lyon", null, null, null, null));

    @TempDir
    Path dir;
    private Path liveDir;
    private Path rebaseDir;
    private Path replacedDir;
    private ModelVersions versions;
    private OnlineModel published;

    @BeforeEach
    void publishAVersion() {
        liveDir = dir.resolve("model");
        rebaseDir = dir.resolve("model.rebase");
        replacedDir = dir.resolve("model.replaced");
        versions = new ModelVersions(dir.resolve("versions"));
        published = new OnlineModel(PARAMS);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 40; i++) {
            int row = published.observe("item" + (i % 10), ColdStart.NONE, random);
            if (i > 0) {
                published.trainPair(row, published.rowOf("item" + ((i - 1) % 10)), random);
            }
        }
        versions.publish(published, OFFSETS, LISTINGS, 49, Map.of("items", 10));
    }

    private Path version() {
        return versions.root().resolve("v000001");
    }

    /** A live store that is not the version: one item of its own. */
    private String createLiveStore() {
        OnlineModel model = new OnlineModel(PARAMS);
        model.observe("old", ColdStart.NONE, new SplittableRandom(1));
        try (EmbeddingStoreWriter store = EmbeddingStoreWriter.open(liveDir)) {
            store.initialize(PARAMS);
            store.save(model, Map.of("sessions:0", 1000L), List.of(), 1000);
            return store.identity();
        }
    }

    private void assertHoldsTheVersion(EmbeddingStore store) {
        assertEquals(Optional.of("v000001"), store.base());
        assertEquals(OFFSETS, store.offsets());
        assertEquals(LISTINGS, store.listings());
        assertEquals(49, store.progress().appliedMessages());
        assertEquals(0, store.count("old"));
        float[] vectors = new float[2 * PARAMS.dim()];
        float[] squares = new float[2 * PARAMS.dim()];
        for (int i = 0; i < 10; i++) {
            String item = "item" + i;
            int row = published.rowOf(item);
            published.copyRow(row, vectors, squares);
            assertEquals(published.count(row), store.count(item), item);
            assertArrayEquals(vectors, store.vectors(item).orElseThrow(), item);
        }
    }

    @Test
    void prepareWritesTheVersionAsANewStoreBesideTheLiveOne() {
        String identity = createLiveStore();

        StoreRebase.Rebased rebased = StoreRebase.prepare(version(), liveDir);

        assertEquals("v000001", rebased.version());
        assertEquals(OFFSETS, rebased.offsets());
        assertEquals(LISTINGS, rebased.listings());
        assertEquals(49, rebased.appliedMessages());
        assertEquals(10, rebased.model().size());
        assertArrayEquals(published.toEmbeddings().input(), rebased.model().toEmbeddings().input());
        try (EmbeddingStoreReader next = EmbeddingStoreReader.openReadOnly(rebaseDir)) {
            assertHoldsTheVersion(next);
        }
        try (EmbeddingStoreReader live = EmbeddingStoreReader.openReadOnly(liveDir)) {
            assertEquals(identity, live.identity(), "the live store is not touched before the swap");
            assertEquals(1, live.count("old"));
        }
        assertEquals("v000001", ModelVersions.verify(version()).version(), "reading a version leaves it intact");
    }

    @Test
    void prepareStartsAfreshOverAnUnfinishedRebase() throws IOException {
        Files.createDirectories(rebaseDir);
        Files.writeString(rebaseDir.resolve("CURRENT"), "garbage\n");

        StoreRebase.prepare(version(), liveDir);

        try (EmbeddingStoreReader next = EmbeddingStoreReader.openReadOnly(rebaseDir)) {
            assertHoldsTheVersion(next);
        }
    }

    @Test
    void swapPutsTheNewStoreInPlaceOfTheOldOne() {
        String oldIdentity = createLiveStore();
        StoreRebase.prepare(version(), liveDir);

        StoreRebase.swap(liveDir);

        assertFalse(Files.exists(rebaseDir));
        assertFalse(Files.exists(replacedDir));
        try (EmbeddingStoreWriter live = EmbeddingStoreWriter.open(liveDir)) {
            assertNotEquals(oldIdentity, live.identity(), "readers must see that another store is in place");
            assertHoldsTheVersion(live);
        }
    }

    @Test
    void swapWorksWhenThereIsNoLiveStoreYet() {
        StoreRebase.prepare(version(), liveDir);

        StoreRebase.swap(liveDir);

        assertFalse(Files.exists(rebaseDir));
        try (EmbeddingStoreReader live = EmbeddingStoreReader.openReadOnly(liveDir)) {
            assertHoldsTheVersion(live);
        }
    }

    @Test
    void recoverPutsBackAStoreMovedAsideByAnInterruptedSwap() throws IOException {
        String identity = createLiveStore();
        StoreRebase.prepare(version(), liveDir);
        // The crash: the live store moved aside, the new one not yet in its place.
        Files.move(liveDir, replacedDir);
        List<String> log = new ArrayList<>();

        StoreRebase.recover(liveDir, log::add);

        assertFalse(Files.exists(rebaseDir));
        assertFalse(Files.exists(replacedDir));
        try (EmbeddingStoreReader live = EmbeddingStoreReader.openReadOnly(liveDir)) {
            assertEquals(identity, live.identity());
            assertEquals(1, live.count("old"));
        }
        assertEquals(1, log.size());
        assertTrue(log.get(0).contains(liveDir.toString()), log.get(0));
    }

    @Test
    void recoverRemovesAnUnfinishedNewStoreAndKeepsTheLiveOne() {
        String identity = createLiveStore();
        StoreRebase.prepare(version(), liveDir);
        List<String> log = new ArrayList<>();

        StoreRebase.recover(liveDir, log::add);

        assertFalse(Files.exists(rebaseDir));
        try (EmbeddingStoreReader live = EmbeddingStoreReader.openReadOnly(liveDir)) {
            assertEquals(identity, live.identity());
        }
        assertEquals(List.of(), log);
    }

    @Test
    void recoverRemovesTheOldStoreWhenTheSwapGotThatFar() throws IOException {
        String oldIdentity = createLiveStore();
        StoreRebase.prepare(version(), liveDir);
        // The crash: both renames done, the old store not yet deleted.
        Files.move(liveDir, replacedDir);
        Files.move(rebaseDir, liveDir);

        StoreRebase.recover(liveDir, message -> { });

        assertFalse(Files.exists(replacedDir));
        try (EmbeddingStoreReader live = EmbeddingStoreReader.openReadOnly(liveDir)) {
            assertNotEquals(oldIdentity, live.identity());
            assertHoldsTheVersion(live);
        }
    }

    @Test
    void aCorruptVersionIsRefusedBeforeAnythingIsWritten() throws IOException {
        String identity = createLiveStore();
        Path options;
        try (Stream<Path> files = Files.list(version())) {
            options = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS")).findFirst().orElseThrow();
        }
        Files.writeString(options, "# tampered\n", StandardOpenOption.APPEND);

        StoreException error = assertThrows(StoreException.class, () -> StoreRebase.prepare(version(), liveDir));

        assertTrue(error.getMessage().contains("is corrupt"), error.getMessage());
        assertFalse(Files.exists(rebaseDir));
        try (EmbeddingStoreReader live = EmbeddingStoreReader.openReadOnly(liveDir)) {
            assertEquals(identity, live.identity());
            assertEquals(1, live.count("old"));
            assertEquals(Optional.empty(), live.base());
        }
    }
}
