package org.item2vec.api.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.item2vec.experiment.define.Experiment;
import org.item2vec.experiment.define.ExperimentMode;
import org.item2vec.experiment.define.InvalidExperimentException;
import org.item2vec.experiment.define.Strategy;
import org.item2vec.experiment.define.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCatalogTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileMeansNoExperiments() throws Exception {
        ExperimentCatalog catalog = ExperimentCatalog.open(dir.resolve("experiments.json"));
        assertEquals(List.of(), catalog.all());
        assertEquals(Optional.empty(), catalog.firstRunning());
    }

    @Test
    void changesAreSavedAndReadBack() throws Exception {
        Path file = dir.resolve("experiments.json");
        ExperimentCatalog catalog = ExperimentCatalog.open(file);
        assertTrue(catalog.put(experiment("a", false, "v000002")));
        assertTrue(catalog.put(experiment("b", true, "v000003")));
        assertFalse(catalog.put(experiment("a", true, "v000004")));
        assertEquals("a", catalog.firstRunning().orElseThrow().id());
        assertEquals(Set.of("v000003", "v000004"), catalog.models());

        ExperimentCatalog reopened = ExperimentCatalog.open(file);
        assertEquals(catalog.all(), reopened.all());
        assertTrue(reopened.remove("a"));
        assertFalse(reopened.remove("a"));
        assertEquals("b", reopened.firstRunning().orElseThrow().id());
        assertEquals(List.of("b"), ExperimentCatalog.open(file).all().stream().map(Experiment::id).toList());
    }

    @Test
    void aBrokenFileIsRefusedNamingItAndTheReason() throws Exception {
        Path file = dir.resolve("experiments.json");
        Files.writeString(file, "{\"experiments\": [{\"id\": \"a\", \"variants\": [{\"name\": \"only\"}]}]}");
        InvalidExperimentException e = assertThrows(InvalidExperimentException.class, () -> ExperimentCatalog.open(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("at least two variants"),
                e.getMessage());
    }

    @Test
    void theApiDoesNotStartOnABrokenFile() throws Exception {
        Files.writeString(dir.resolve("experiments.json"), "{\"experiments\": [");
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            try (ApplicationContext context = ApplicationContext.run(Map.of("item2vec.api.data-dir", dir.toString(),
                    "micronaut.server.port", -1))) {
                context.getBean(ExperimentCatalog.class);
            }
        });
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("experiments file") && root.getMessage().contains("malformed JSON"),
                root.getMessage());
    }

    private static Experiment experiment(String id, boolean running, String treatmentModel) {
        return new Experiment(id, "", id, ExperimentMode.AB, running, List.of(
                new Variant("control", 1, null, Strategy.SIMILAR_IN_MARKET, null, null),
                new Variant("treatment", 1, treatmentModel, Strategy.ANY_MARKET, 5, "next")));
    }
}
