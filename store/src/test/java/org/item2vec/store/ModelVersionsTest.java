package org.item2vec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.online.ColdStart;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.learn.online.OnlineParams;
import org.item2vec.store.EmbeddingStoreReader;
import org.item2vec.store.EmbeddingStoreWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelVersionsTest {
    private static final OnlineParams PARAMS = new OnlineParams(8, 3, 0.05f, 0.75, 1000, 1 << 12, 7);

    @TempDir
    Path dir;

    @Test
    void publishedVersionsAreNumberedVerifiedAndOpenReadOnly() throws IOException {
        ModelVersions versions = new ModelVersions(dir.resolve("versions"));
        OnlineModel model = new OnlineModel(PARAMS);
        SplittableRandom random = new SplittableRandom(1);
        try (EmbeddingStoreWriter store = EmbeddingStoreWriter.open(dir.resolve("live"))) {
            store.initialize(PARAMS);
            for (int i = 0; i < 30; i++) {
                model.observe("item" + i, ColdStart.NONE, random);
            }
            store.save(model, Map.of("sessions:0", 30L), List.of(), 30);
            ModelVersions.Manifest first = versions.publish(store, Map.of("items", 30));
            model.observe("item30", ColdStart.NONE, random);
            store.save(model, Map.of("sessions:0", 31L), List.of(), 31);
            ModelVersions.Manifest second = versions.publish(store, Map.of("items", 31));

            assertEquals("v000001", first.version());
            assertEquals("v000002", second.version());
            assertEquals(Map.of("sessions:0", 30L), first.offsets());
            assertEquals(PARAMS, second.params());
        }
        List<Path> published = versions.list();
        assertEquals(List.of(dir.resolve("versions/v000001"), dir.resolve("versions/v000002")), published);
        assertEquals("v000002", ModelVersions.verify(published.get(1)).version());
        try (EmbeddingStoreReader old = EmbeddingStoreReader.openReadOnly(published.get(0))) {
            assertEquals(0, old.count("item30"), "a version does not change after publishing");
            assertEquals(1, old.count("item29"));
        }
        try (Stream<Path> leftovers = Files.list(dir.resolve("versions"))) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void aCorruptedVersionFailsVerification() throws IOException {
        ModelVersions versions = new ModelVersions(dir.resolve("versions"));
        try (EmbeddingStoreWriter store = EmbeddingStoreWriter.open(dir.resolve("live"))) {
            store.initialize(PARAMS);
            store.save(new OnlineModel(PARAMS), Map.of(), List.of(), 0);
            versions.publish(store, Map.of());
        }
        Path version = versions.list().get(0);
        tamper(version);
        StoreException error = assertThrows(StoreException.class, () -> ModelVersions.verify(version));
        assertTrue(error.getMessage().contains("is corrupt"), error.getMessage());

        Files.delete(version.resolve(ModelVersions.MANIFEST));
        assertThrows(StoreException.class, () -> ModelVersions.verify(version));
    }

    /** Appends to one of a version's files, as a disk error or a careless hand would. */
    private static void tamper(Path version) throws IOException {
        Path someFile;
        try (Stream<Path> files = Files.list(version)) {
            someFile = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS")).findFirst().orElseThrow();
        }
        Files.writeString(someFile, "# tampered\n", StandardOpenOption.APPEND);
    }

    /** A small live model: {@code items} items seen once each. */
    private static OnlineModel model(int items) {
        OnlineModel model = new OnlineModel(PARAMS);
        SplittableRandom random = new SplittableRandom(items);
        for (int i = 0; i < items; i++) {
            model.observe("item" + i, ColdStart.NONE, random);
        }
        return model;
    }

    /** Publishes {@code count} snapshots, the n-th holding n items. */
    private static void publishSnapshots(ModelVersions versions, int count) {
        for (int n = 1; n <= count; n++) {
            versions.publish(model(n), Map.of("sessions:0", (long) n), List.of(), n, Map.of("items", n));
        }
    }

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void nothingIsCurrentWithoutAPointerOrWhenItNamesAVersionThatIsNotThere() throws IOException {
        Path root = dir.resolve("versions");
        ModelVersions versions = new ModelVersions(root);
        assertEquals(Optional.empty(), versions.current(), "no directory at all");
        publishSnapshots(versions, 1);
        assertEquals(Optional.empty(), versions.current(), "published, but never made current");

        Files.writeString(root.resolve(ModelVersions.CURRENT), "v000007\n", StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), versions.current(), "names a version that does not exist");
        Files.writeString(root.resolve(ModelVersions.CURRENT), "..\n", StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), versions.current(), "names a directory that is not a version");

        versions.makeCurrent("v000001");
        assertEquals(Optional.of("v000001"), versions.current());
        assertEquals("v000001", Files.readString(root.resolve(ModelVersions.CURRENT), StandardCharsets.UTF_8).trim());
        assertFalse(Files.exists(root.resolve(ModelVersions.CURRENT + ".tmp")));
    }

    @Test
    void onlyAnIntactPublishedVersionCanBeMadeCurrent() throws IOException {
        ModelVersions versions = new ModelVersions(dir.resolve("versions"));
        publishSnapshots(versions, 2);
        assertEquals("v000002", versions.makeCurrent("v000002").version());

        StoreException unknown = assertThrows(StoreException.class, () -> versions.makeCurrent("v000003"));
        assertTrue(unknown.getMessage().contains("v000003"), unknown.getMessage());
        assertThrows(StoreException.class, () -> versions.makeCurrent("latest"));
        assertThrows(StoreException.class, () -> versions.makeCurrent("../versions/v000001"));

        tamper(versions.root().resolve("v000001"));
        StoreException corrupt = assertThrows(StoreException.class, () -> versions.makeCurrent("v000001"));
        assertTrue(corrupt.getMessage().contains("is corrupt"), corrupt.getMessage());
        assertEquals(Optional.of("v000002"), versions.current(), "a refused version leaves the pointer alone");
    }

    @Test
    void rollbackGoesToTheNewestOlderVersionOrToTheOneNamed() throws IOException {
        ModelVersions versions = new ModelVersions(dir.resolve("versions"));
        publishSnapshots(versions, 4);

        StoreException nothingCurrent = assertThrows(StoreException.class, () -> versions.rollback(Optional.empty()));
        assertTrue(nothingCurrent.getMessage().contains("nothing to roll back"), nothingCurrent.getMessage());

        versions.makeCurrent("v000004");
        assertEquals("v000003", versions.rollback(Optional.empty()).version());
        assertEquals(Optional.of("v000003"), versions.current());

        // A version that is gone (pruned by hand) is skipped.
        Files.move(versions.root().resolve("v000002"), dir.resolve("v000002-elsewhere"));
        assertEquals("v000001", versions.rollback(Optional.empty()).version());
        assertEquals(Optional.of("v000001"), versions.current());

        StoreException nothingOlder = assertThrows(StoreException.class, () -> versions.rollback(Optional.empty()));
        assertTrue(nothingOlder.getMessage().contains("no version older than v000001"), nothingOlder.getMessage());
        assertEquals(Optional.of("v000001"), versions.current());

        versions.makeCurrent("v000004");
        assertEquals("v000001", versions.rollback(Optional.of("v000001")).version());
        assertEquals(Optional.of("v000001"), versions.current());
        assertThrows(StoreException.class, () -> versions.rollback(Optional.of("v000002")));
        assertEquals(Optional.of("v000001"), versions.current());
    }

    @Test
    void pruningKeepsTheNewestAndTheCurrentVersionAndClearsLeftovers() throws IOException {
        ModelVersions versions = new ModelVersions(dir.resolve("versions"));
        assertEquals(List.of(), versions.leftovers(), "no directory at all");
        publishSnapshots(versions, 5);
        versions.makeCurrent("v000001");
        Path root = versions.root();
        Path unfinished = Files.createDirectories(root.resolve(".v000009.tmp"));
        Files.writeString(unfinished.resolve("000001.sst"), "half written");
        Path halfDeleted = Files.createDirectories(root.resolve(".v000003.deleted"));
        Files.writeString(halfDeleted.resolve("CURRENT"), "MANIFEST-000001\n");
        Path unrelated = Files.createDirectories(root.resolve("notes"));

        assertEquals(List.of(halfDeleted, unfinished), versions.leftovers());
        assertThrows(IllegalArgumentException.class, () -> versions.prune(0));
        assertEquals(5, versions.list().size(), "a refused prune deletes nothing");

        assertEquals(List.of("v000002", "v000003"), versions.prune(2));
        assertEquals(List.of("v000001", "v000004", "v000005"), names(versions.list()));
        assertEquals(Optional.of("v000001"), versions.current());
        assertEquals(List.of(), versions.leftovers());
        assertFalse(Files.exists(unfinished));
        assertFalse(Files.exists(halfDeleted));
        assertTrue(Files.isDirectory(unrelated), "only versions and their leftovers are pruned");

        versions.makeCurrent("v000005");
        assertEquals(List.of("v000001", "v000004"), versions.prune(1));
        assertEquals(List.of("v000005"), names(versions.list()));
        assertEquals(List.of(), versions.prune(1));
        ModelVersions.verify(root.resolve("v000005"));
    }

    @Test
    void aRetrainManifestCarriesWhereTheModelCameFrom() throws IOException {
        ModelVersions versions = new ModelVersions(dir.resolve("versions"));
        OnlineModel model = model(12);
        List<Listing> listings = List.of(new Listing("item3", "paris", "flat", 120.0, 48.85, 2.35));
        Map<String, Object> dataRange = Map.of("fromMs", 1_000, "toMs", 9_000, "sessions", 340);
        Map<String, Object> training = Map.of("epochs", 5, "window", 3, "contexts", "session");
        Map<String, Object> metrics = Map.of("items", 12, "hitRate", 0.25);
        Map<String, Object> gate = Map.of("passed", true, "reason", "no current version to compare with",
                "candidate", Map.of("hitRate", 0.25, "mrr", 0.125));
        ModelVersions.Manifest published = versions.publish(model, Map.of("sessions:0", 340L, "sessions:1", 17L),
                listings, 0, new ModelVersions.Provenance(ModelVersions.RETRAIN, dataRange, training, metrics, gate));

        Path version = versions.root().resolve(published.version());
        for (ModelVersions.Manifest manifest : List.of(published, ModelVersions.manifest(version),
                ModelVersions.verify(version))) {
            assertEquals("v000001", manifest.version());
            assertEquals(ModelVersions.RETRAIN, manifest.kind());
            assertEquals(PARAMS, manifest.params());
            assertEquals(Map.of("sessions:0", 340L, "sessions:1", 17L), manifest.offsets());
            assertEquals(dataRange, manifest.dataRange());
            assertEquals(training, manifest.training());
            assertEquals(metrics, manifest.metrics());
            assertEquals(gate, manifest.gate());
            assertEquals(published.checksum(), manifest.checksum());
        }
        try (EmbeddingStoreReader store = EmbeddingStoreReader.openReadOnly(version)) {
            assertEquals(1, store.count("item11"));
            assertEquals(listings, store.listings());
            assertEquals(Map.of("sessions:0", 340L, "sessions:1", 17L), store.offsets());
        }

        ModelVersions.Manifest snapshot = versions.publish(model, Map.of(), List.of(), 3, Map.of("items", 12));
        assertEquals(ModelVersions.SNAPSHOT, ModelVersions.manifest(versions.root().resolve("v000002")).kind());
        assertNull(snapshot.dataRange());
        assertFalse(Files.readString(versions.root().resolve("v000002").resolve(ModelVersions.MANIFEST))
                .contains("dataRange"), "absent fields are left out of the file");
    }

    @Test
    void aManifestWrittenBeforeProvenanceWasRecordedStillReads() throws IOException {
        ModelVersions versions = new ModelVersions(dir.resolve("versions"));
        ModelVersions.Manifest published = versions.publish(model(3), Map.of("sessions:0", 3L), List.of(), 3,
                Map.of("items", 3));
        Path version = versions.root().resolve(published.version());
        String oldStyle = """
                {
                  "version" : "v000001",
                  "createdAt" : "2024-05-01T10:00:00Z",
                  "params" : { "dim" : 8, "negative" : 3, "learningRate" : 0.05, "noiseExponent" : 0.75,
                               "maxItems" : 1000, "noiseTableSize" : 4096, "seed" : 7 },
                  "offsets" : { "sessions:0" : 3 },
                  "metrics" : { "items" : 3 },
                  "checksum" : "%s"
                }
                """.formatted(published.checksum());
        Files.writeString(version.resolve(ModelVersions.MANIFEST), oldStyle, StandardCharsets.UTF_8);

        ModelVersions.Manifest manifest = ModelVersions.verify(version);
        assertEquals("v000001", manifest.version());
        assertEquals("2024-05-01T10:00:00Z", manifest.createdAt());
        assertEquals(PARAMS, manifest.params());
        assertEquals(Map.of("sessions:0", 3L), manifest.offsets());
        assertEquals(Map.of("items", 3), manifest.metrics());
        assertNull(manifest.kind());
        assertNull(manifest.dataRange());
        assertNull(manifest.training());
        assertNull(manifest.gate());
        assertEquals("v000001", versions.makeCurrent("v000001").version());
    }

    @Test
    void concurrentPublishersGetDistinctConsecutiveVersions() throws Exception {
        Path root = dir.resolve("versions");
        int perThread = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<String>>> results = new ArrayList<>();
        try {
            for (int thread = 0; thread < 2; thread++) {
                int items = 5 + thread;
                results.add(pool.submit(() -> {
                    // Each publisher has its own view of the directory, as a retrain and the live trainer do.
                    ModelVersions versions = new ModelVersions(root);
                    OnlineModel model = model(items);
                    List<String> mine = new ArrayList<>();
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(versions.publish(model, Map.of(), List.of(), i, Map.of("items", items)).version());
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> result : results) {
                List<String> mine = result.get(2, TimeUnit.MINUTES);
                assertEquals(mine.stream().sorted().toList(), mine, "one publisher's versions increase");
                all.addAll(mine);
            }
            List<String> expected = IntStream.rangeClosed(1, 2 * perThread).mapToObj(n -> String.format("v%06d", n))
                    .toList();
            assertEquals(expected, all.stream().sorted().toList());
            ModelVersions versions = new ModelVersions(root);
            assertEquals(expected, names(versions.list()));
            for (Path version : versions.list()) {
                assertEquals(version.getFileName().toString(), ModelVersions.verify(version).version());
            }
            assertEquals(List.of(), versions.leftovers());
        } finally {
            pool.shutdownNow();
        }
    }
}
