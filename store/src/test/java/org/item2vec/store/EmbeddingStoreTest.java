package org.item2vec.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.online.ColdStart;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.learn.online.OnlineParams;
import org.item2vec.learn.vectors.Embeddings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

class EmbeddingStoreTest {
    private static final OnlineParams PARAMS = new OnlineParams(8, 3, 0.05f, 0.75, 40, 1 << 12, 7);

    @TempDir
    Path dir;

    private static void train(OnlineModel model, int steps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < steps; i++) {
            int a = model.observe("item" + random.nextInt(60), ColdStart.NONE, random);
            int b = model.observe("item" + random.nextInt(60), ColdStart.NONE, random);
            if (a != b) {
                model.trainPair(a, b, random);
            }
        }
    }

    @Test
    void aSavedModelLoadsBackExactlyAndGoesOnExactlyAsTheOriginal() {
        OnlineModel original = new OnlineModel(PARAMS);
        try (EmbeddingStoreWriter store = EmbeddingStoreWriter.open(dir.resolve("model"))) {
            store.initialize(PARAMS);
            train(original, 500, 1);
            store.save(original, Map.of("session-updates:0", 500L), List.of(), 500);
            train(original, 300, 2); // evicts (bound 40 of 60 items) and changes rows again
            store.save(original, Map.of("session-updates:0", 800L),
                    List.of(new Listing("item1", "paris", "flat", 90.0, null, null)), 800);
        }
        try (EmbeddingStoreWriter store = EmbeddingStoreWriter.open(dir.resolve("model"))) {
            assertEquals(PARAMS, store.params().orElseThrow());
            assertEquals(Map.of("session-updates:0", 800L), store.offsets());
            assertEquals(800, store.progress().appliedMessages());
            assertEquals(List.of(new Listing("item1", "paris", "flat", 90.0, null, null)), store.listings());
            OnlineModel restored = store.loadModel();
            assertEquals(original.size(), restored.size());
            assertEquals(original.appliedPairs(), restored.appliedPairs());

            train(original, 200, 3);
            train(restored, 200, 3);
            Embeddings a = original.toEmbeddings();
            Embeddings b = restored.toEmbeddings();
            assertArrayEquals(a.input(), b.input());
            assertArrayEquals(a.output(), b.output());
        }
    }

    @Test
    void aFollowerSeesTheTrainersWritesAfterCatchingUp() {
        OnlineParams roomy = new OnlineParams(8, 3, 0.05f, 0.75, 100, 1 << 12, 7); // no eviction
        OnlineModel model = new OnlineModel(roomy);
        try (EmbeddingStoreWriter writer = EmbeddingStoreWriter.open(dir.resolve("live"))) {
            writer.initialize(roomy);
            train(model, 50, 4);
            writer.save(model, Map.of(), List.of(), 50);
            try (EmbeddingStoreReader reader = EmbeddingStoreReader.openFollower(dir.resolve("live"), dir.resolve("follower"))) {
                String item = model.item(0);
                float[] before = reader.vectors(item).orElseThrow();

                train(model, 50, 5);
                writer.save(model, Map.of(), List.of(), 100);
                assertArrayEquals(before, reader.vectors(item).orElseThrow(), "not caught up yet");
                reader.catchUp();
                float[] expected = new float[16];
                model.copyRow(0, expected, new float[16]);
                assertArrayEquals(expected, reader.vectors(item).orElseThrow());
                assertEquals(100, reader.progress().appliedMessages());

                // Publishing a live model as a version leaves the live store, and so its followers, alone.
                train(model, 50, 6);
                writer.save(model, Map.of(), List.of(), 150);
                new ModelVersions(dir.resolve("versions")).publish(model, Map.of(), List.of(), 150, Map.of());
                train(model, 50, 7);
                writer.save(model, Map.of(), List.of(), 200);
                reader.catchUp();
                assertEquals(200, reader.progress().appliedMessages());
            }
        }
    }

    @Test
    void theChangeLogTellsAFollowerWhichItemsAndListingsToReadAgain() {
        OnlineModel model = new OnlineModel(PARAMS); // bound 40 of 60 items: saves evict
        try (EmbeddingStoreWriter writer = EmbeddingStoreWriter.open(dir.resolve("live"))) {
            writer.initialize(PARAMS);
            try (EmbeddingStoreReader reader = EmbeddingStoreReader.openFollower(dir.resolve("live"), dir.resolve("follower"))) {
                String identity = reader.identity();
                assertFalse(identity.isEmpty());
                assertEquals(0, reader.changeSequence());
                assertTrue(reader.changesSince(0).orElseThrow().isEmpty());

                train(model, 500, 8);
                writer.save(model, Map.of(), List.of(new Listing("item1", "paris", null, null, null, null)), 500);
                model.takeDirtyRows();
                train(model, 30, 9);
                model.takeDirtyRows(); // forget the changed rows: the next save writes only the evictions
                writer.save(model, Map.of(), List.of(), 530);
                reader.catchUp();

                assertEquals(2, reader.changeSequence());
                ChangeLog all = reader.changesSince(0).orElseThrow();
                assertEquals(2, all.sequence());
                assertEquals(Set.of("item1"), all.listings());
                ChangeLog second = reader.changesSince(1).orElseThrow();
                assertTrue(second.listings().isEmpty());
                assertFalse(second.items().isEmpty());
                for (String item : second.items()) {
                    assertFalse(model.contains(item), item + " was evicted");
                    assertTrue(all.items().contains(item));
                }
                assertTrue(reader.changesSince(2).orElseThrow().isEmpty());
                assertTrue(reader.changesSince(7).isEmpty(), "a sequence the log never had means: read everything");
                assertEquals(identity, reader.identity());
            }
        }
        try (EmbeddingStoreWriter other = EmbeddingStoreWriter.open(dir.resolve("other"))) {
            assertNotEquals(other.identity(), "");
        }
    }

    @Test
    void theChangeLogKeepsOnlyItsLastEntries() {
        OnlineModel model = new OnlineModel(PARAMS);
        try (EmbeddingStoreWriter store = EmbeddingStoreWriter.open(dir.resolve("live"))) {
            store.initialize(PARAMS);
            for (int save = 1; save <= EmbeddingStore.CHANGE_LOG_LENGTH + 5; save++) {
                train(model, 1, save);
                store.save(model, Map.of(), List.of(), save);
            }
            assertEquals(EmbeddingStore.CHANGE_LOG_LENGTH + 5, store.changeSequence());
            try (EmbeddingStoreReader reader = EmbeddingStoreReader.openFollower(dir.resolve("live"),
                    dir.resolve("follower"))) {
                assertTrue(reader.changesSince(3).isEmpty(), "pruned");
                assertTrue(reader.changesSince(0).isEmpty(), "pruned");
                assertEquals(EmbeddingStore.CHANGE_LOG_LENGTH + 5, reader.changesSince(10).orElseThrow().sequence());
            }
        }
    }

    @Test
    void aCheckpointOpensReadOnlyWithTheSameContent() {
        OnlineModel model = new OnlineModel(PARAMS);
        try (EmbeddingStoreWriter store = EmbeddingStoreWriter.open(dir.resolve("model"))) {
            store.initialize(PARAMS);
            train(model, 100, 6);
            store.save(model, Map.of("sessions:1", 9L), List.of(), 100);
            store.checkpoint(dir.resolve("copy"));
        }
        try (EmbeddingStoreReader copy = EmbeddingStoreReader.openReadOnly(dir.resolve("copy"))) {
            int[] items = {0};
            copy.forEachItem(stored -> {
                items[0]++;
                assertEquals(model.count(model.rowOf(stored.item())), stored.count());
                assertEquals(stored.count(), copy.item(stored.item()).orElseThrow().count());
            });
            assertEquals(model.size(), items[0]);
            assertTrue(copy.item("no such item").isEmpty());
            assertEquals(Map.of("sessions:1", 9L), copy.offsets());
        }
    }

    @Test
    void aStoreWrittenBeforeSessionsWereRememberedStillOpensForReading() throws Exception {
        OnlineModel model = new OnlineModel(PARAMS);
        Path path = dir.resolve("model");
        try (EmbeddingStoreWriter store = EmbeddingStoreWriter.open(path)) {
            store.initialize(PARAMS);
            train(model, 100, 8);
            store.save(model, Map.of("sessions:0", 3L), List.of(), 100);
        }
        dropFamily(path, "memory");
        try (EmbeddingStoreReader old = EmbeddingStoreReader.openReadOnly(path)) {
            assertEquals(model.size(), old.loadModel().size());
            assertEquals(0, old.loadModel().memory().added());
            assertEquals(Map.of("sessions:0", 3L), old.offsets());
        }
    }

    /** Removes a column family, leaving the store as a release without it wrote it. */
    private static void dropFamily(Path path, String name) throws RocksDBException {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (Options options = new Options()) {
            for (byte[] family : RocksDB.listColumnFamilies(options, path.toString())) {
                descriptors.add(new ColumnFamilyDescriptor(family));
            }
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, path.toString(), descriptors, handles)) {
            for (ColumnFamilyHandle handle : handles) {
                if (new String(handle.getName(), StandardCharsets.UTF_8).equals(name)) {
                    db.dropColumnFamily(handle);
                }
            }
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    @Test
    void somethingThatIsNotAStoreGivesAClearError() throws IOException {
        Path notAStore = Files.createDirectories(dir.resolve("empty"));
        StoreException missing = assertThrows(StoreException.class, () -> EmbeddingStoreReader.openReadOnly(notAStore));
        assertTrue(missing.getMessage().contains(notAStore.toString()), missing.getMessage());

        Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
        Files.writeString(corrupt.resolve("CURRENT"), "MANIFEST-999999\n");
        StoreException damaged = assertThrows(StoreException.class, () -> EmbeddingStoreWriter.open(corrupt));
        assertTrue(damaged.getMessage().startsWith("cannot open the embedding store in"), damaged.getMessage());

        try (EmbeddingStoreWriter fresh = EmbeddingStoreWriter.open(dir.resolve("fresh"))) {
            StoreException noModel = assertThrows(StoreException.class, fresh::loadModel);
            assertTrue(noModel.getMessage().contains("no model"), noModel.getMessage());
        }
    }
}
