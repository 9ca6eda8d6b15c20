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

/** {@code item2vec retrain} and {@code rollback} failures as a user meets them: one clear line, no stack trace. */
class RetrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void anUnreachableBrokerIsNamedAndNothingIsPublished() throws IOException {
        Path settings = Files.writeString(dir.resolve("item2vec.properties"), "item2vec.retrain.kafka-timeout=2s\n");
        Run run = Item2VecTest.run("retrain", "--config", settings.toString(), "--bootstrap-servers", "localhost:1",
                "--versions-dir", dir.resolve("versions").toString());

        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("cannot read the session history from Kafka at localhost:1"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        assertFalse(Files.exists(dir.resolve("versions/CURRENT")));
    }

    @Test
    void aBadHistoryNamesTheKey() {
        Run run = Item2VecTest.run("retrain", "--history", "sixty days", "--versions-dir", dir.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("item2vec.retrain.history"), run.err());
    }

    @Test
    void aGateToleranceOutOfRangeNamesTheKey() throws IOException {
        Path settings = Files.writeString(dir.resolve("gate.properties"), "item2vec.retrain.gate-tolerance=1.5\n");
        Run run = Item2VecTest.run("retrain", "--config", settings.toString(), "--versions-dir", dir.toString());
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("item2vec.retrain.gate-tolerance must be in [0, 1), got 1.5"), run.err());
    }

    @Test
    void forceIsAFlagWithoutValue() {
        Run run = Item2VecTest.run("retrain", "--force", "--history", "sixty days");
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("item2vec.retrain.history"), "--force took no value: " + run.err());
    }

    @Test
    void aRollbackWithNothingCurrentOrToAnUnknownVersionSaysSo() {
        Run run = Item2VecTest.run("rollback", "--versions-dir", dir.resolve("versions").toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("no version is current"), run.err());

        Run unknown = Item2VecTest.run("rollback", "--versions-dir", dir.toString(), "--to", "v000009");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("there is no model version 'v000009'"), unknown.err());
    }
}
