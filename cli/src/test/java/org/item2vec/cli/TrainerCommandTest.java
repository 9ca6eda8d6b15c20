package org.item2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.item2vec.cli.Item2VecTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code item2vec trainer}'s failures as a user meets them: one clear line, no stack trace. */
class TrainerCommandTest {
    @TempDir
    Path dir;

    @Test
    void aDamagedStoreIsNamed() throws IOException {
        Path store = Files.createDirectories(dir.resolve("model"));
        Files.writeString(store.resolve("CURRENT"), "MANIFEST-000099\n");
        Run run = Item2VecTest.run("trainer", "--data-dir", store.toString(), "--status-port", "-1");

        assertEquals(1, run.code());
        assertTrue(run.err().contains("cannot open the embedding store in " + store), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void aBadModelSettingNamesTheKey() throws IOException {
        Path settings = Files.writeString(dir.resolve("item2vec.properties"), "item2vec.model.dim=0\n");
        Run run = Item2VecTest.run("trainer", "--config", settings.toString(), "--data-dir", dir.resolve("m").toString());

        assertEquals(1, run.code());
        assertTrue(run.err().contains("item2vec.model.dim"), run.err());
    }

    @Test
    void aBadRetrainScheduleNamesTheKeyAndTheProblem() throws IOException {
        Path settings = Files.writeString(dir.resolve("item2vec.properties"), "item2vec.retrain.schedule=61 3 * * *\n");
        Run run = Item2VecTest.run("trainer", "--config", settings.toString(), "--data-dir", dir.resolve("m").toString());

        assertEquals(1, run.code());
        assertTrue(run.err().contains("item2vec.retrain.schedule: cron expression '61 3 * * *': minute value 61"),
                run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
