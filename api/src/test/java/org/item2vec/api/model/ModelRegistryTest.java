package org.item2vec.api.model;

import static org.item2vec.api.TestModels.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.item2vec.api.TestModels;
import org.item2vec.api.index.AnnIndex;
import org.item2vec.api.recommend.Mode;
import org.item2vec.api.recommend.Query;
import org.item2vec.api.recommend.Recommender;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.io.Directories;
import org.item2vec.learn.online.ColdStart;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.store.EmbeddingStoreWriter;
import org.item2vec.store.ModelVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    private static final ModelLoader LOADER = new ModelLoader(new IndexSettings(20_000, AnnIndex.Params.DEFAULT, 1));

    @TempDir
    Path dir;

    private ModelRegistry registry(String defaultModel, int keep) {
        return new ModelRegistry(new RegistrySettings(dir.resolve("versions"), dir.resolve("model"), defaultModel,
                keep, () -> Set.of("v000001"), Duration.ofHours(1), 1000), LOADER);
    }

    private static List<String> next(ModelRegistry registry, String item) {
        return new Recommender().recommend(registry.model(null), new Query(item, 3, Mode.NEXT, Query.ANY_MARKET,
                Set.of())).items().stream().map(n -> n.item()).toList();
    }

    @Test
    void theLiveModelFollowsTheTrainersSavesItemByItem() {
        TestModels models = TestModels.trio();
        OnlineModel model = models.build();
        SplittableRandom random = new SplittableRandom(1);
        try (EmbeddingStoreWriter writer = EmbeddingStoreWriter.open(dir.resolve("model"));
             ModelRegistry registry = registry(RegistrySettings.AUTO, 3)) {
            writer.initialize(models.params());
            writer.saveEverything(model, Map.of("sessions:0", 1L), List.of(), 1);
            registry.refresh();
            assertEquals(Model.LIVE, registry.model(null).version());
            assertEquals(List.of("y", "z"), next(registry, "x"));

            // The trainer learns that z follows x, sees a new item, and gets a listing for y.
            int x = model.rowOf("x");
            int z = model.rowOf("z");
            for (int i = 0; i < 300; i++) {
                model.trainPair(x, z, random);
            }
            model.observe("fresh", ColdStart.NONE, random);
            writer.save(model, Map.of("sessions:0", 2L), List.of(new Listing("y", "rome", null, null, null, null)), 2);
            assertEquals(List.of("y", "z"), next(registry, "x"), "not refreshed yet");

            registry.refresh();
            Model live = registry.model(null);
            assertEquals("z", next(registry, "x").get(0));
            assertTrue(live.vectors("fresh").isPresent());
            assertEquals(4, live.size());
            assertEquals("rome", live.market("y"));
            assertEquals(2, live.info().appliedMessages());
            assertTrue(live.changedCount() >= 3, "x, z, fresh and y changed; the table was not read again");
            // The listing moved y to Rome: a search within Rome finds it although the table grouped it with none.
            assertEquals(List.of("y"), new Recommender().recommend(live, new Query("x", 3, Mode.SIMILAR, "rome",
                    Set.of())).items().stream().map(n -> n.item()).toList());
        }
    }

    @Test
    void anotherStorePutInTheLiveDirectoryIsReadFromScratch() throws IOException {
        try (ModelRegistry registry = registry(RegistrySettings.AUTO, 3)) {
            try (EmbeddingStoreWriter writer = EmbeddingStoreWriter.open(dir.resolve("model"))) {
                writer.initialize(TestModels.trio().params());
                writer.saveEverything(TestModels.trio().build(), Map.of(), List.of(), 1);
            }
            registry.refresh();
            assertEquals(3, registry.model(null).size());
            Directories.deleteRecursively(dir.resolve("model"));
            try (EmbeddingStoreWriter writer = EmbeddingStoreWriter.open(dir.resolve("model"))) {
                TestModels bigger = TestModels.trio().item("w", 1, v(0, 0, 1, 0), v(0, 0, 0, 0));
                writer.initialize(bigger.params());
                writer.saveEverything(bigger.build(), Map.of(), List.of(), 1);
            }
            registry.refresh();
            assertEquals(4, registry.model(null).size());
        }
    }

    @Test
    void aCorruptVersionIsRefusedWithItsReasonAndTheOthersStayServed() throws IOException {
        Path versions = dir.resolve("versions");
        TestModels.trio().publish(versions);
        TestModels.trio().publish(versions);
        try (Stream<Path> files = Files.list(versions.resolve("v000002"))) {
            Path largest = files.filter(p -> !p.getFileName().toString().equals("manifest.json"))
                    .max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
            byte[] bytes = Files.readAllBytes(largest);
            bytes[bytes.length / 2] ^= 1;
            Files.write(largest, bytes);
        }
        try (ModelRegistry registry = registry(RegistrySettings.AUTO, 3)) {
            registry.refresh();
            assertEquals("v000001", registry.model(null).version(), "no live store: the newest good version");
            assertTrue(registry.rejected().get("v000002").contains("corrupt"), registry.rejected().toString());
            UnknownModelException missing = assertThrows(UnknownModelException.class,
                    () -> registry.model("v000002"));
            assertFalse(missing.nothingServed());
        }
    }

    @Test
    void onlyTheNewestVersionsAndPinnedOnesStayLoaded() {
        Path versions = dir.resolve("versions");
        for (int i = 0; i < 4; i++) {
            TestModels.trio().publish(versions);
        }
        try (ModelRegistry registry = registry(RegistrySettings.LATEST, 2)) {
            registry.refresh();
            assertEquals(List.of("v000001", "v000003", "v000004"),
                    registry.entries().stream().map(e -> e.info().version()).toList());
            assertEquals("v000004", registry.model(null).version());
            assertEquals("v000004", registry.model("latest").version());
        }
    }

    @Test
    void withoutALiveStoreTheCurrentVersionIsServedEvenWhenOlderThanTheKeptOnes() {
        Path versions = dir.resolve("versions");
        for (int i = 0; i < 4; i++) {
            TestModels.trio().publish(versions);
        }
        new ModelVersions(versions).makeCurrent("v000002");
        try (ModelRegistry registry = registry(RegistrySettings.AUTO, 1)) {
            registry.refresh();
            assertEquals("v000002", registry.model(null).version(), "a rollback is served");
            assertEquals("v000002", registry.currentVersion());
            assertEquals("v000004", registry.model("latest").version());
            assertEquals(List.of("v000001", "v000002", "v000004"),
                    registry.entries().stream().map(e -> e.info().version()).toList());

            new ModelVersions(versions).makeCurrent("v000004");
            registry.refresh();
            assertEquals("v000004", registry.model(null).version());
        }
    }

    @Test
    void withNothingPublishedNoModelIsServed() {
        try (ModelRegistry registry = registry(RegistrySettings.AUTO, 3)) {
            registry.refresh();
            assertFalse(registry.ready());
            assertTrue(assertThrows(UnknownModelException.class, () -> registry.model(null)).nothingServed());
        }
    }
}
