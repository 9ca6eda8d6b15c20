package org.item2vec.trainer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.item2vec.trainer.online.ColdStart;
import org.item2vec.trainer.online.OnlineModel;
import org.item2vec.trainer.online.OnlineParams;
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
        try (EmbeddingStore store = EmbeddingStore.open(dir.resolve("live"))) {
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
        try (EmbeddingStore old = EmbeddingStore.openReadOnly(published.get(0))) {
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
        try (EmbeddingStore store = EmbeddingStore.open(dir.resolve("live"))) {
            store.initialize(PARAMS);
            store.save(new OnlineModel(PARAMS), Map.of(), List.of(), 0);
            versions.publish(store, Map.of());
        }
        Path version = versions.list().get(0);
        Path someFile;
        try (Stream<Path> files = Files.list(version)) {
            someFile = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS")).findFirst().orElseThrow();
        }
        Files.writeString(someFile, "# tampered\n", StandardOpenOption.APPEND);
        StoreException error = assertThrows(StoreException.class, () -> ModelVersions.verify(version));
        assertTrue(error.getMessage().contains("is corrupt"), error.getMessage());

        Files.delete(version.resolve(ModelVersions.MANIFEST));
        assertThrows(StoreException.class, () -> ModelVersions.verify(version));
    }
}
