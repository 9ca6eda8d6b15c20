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

/** {@code item2vec streaming}'s failures as a user meets them: one clear line, no stack trace. */
class StreamingCommandTest {
    @TempDir
    Path dir;

    @Test
    void anUnreachableBrokerIsReportedByAddress() throws IOException {
        Path settings = Files.writeString(dir.resolve("item2vec.properties"), "item2vec.kafka.setup-timeout=1s\n");
        Run run = Item2VecTest.run("streaming", "--config", settings.toString(), "--bootstrap-servers", "localhost:1",
                "--status-port", "-1", "--state-dir", dir.resolve("state").toString());

        assertEquals(1, run.code());
        assertTrue(run.err().contains("cannot set up topics on Kafka at localhost:1"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void aMalformedSettingNamesTheKey() throws IOException {
        Path settings = Files.writeString(dir.resolve("item2vec.yml"), "item2vec:\n  sessions:\n    inactivity-gap: soon\n");
        Run run = Item2VecTest.run("streaming", "--config", settings.toString());

        assertEquals(1, run.code());
        assertTrue(run.err().contains("item2vec.sessions.inactivity-gap must be a duration"), run.err());
    }

    @Test
    void aMissingSettingsFileIsNamed() {
        Run run = Item2VecTest.run("streaming", "--config", dir.resolve("nope.yml").toString());

        assertEquals(1, run.code());
        assertTrue(run.err().contains("nope.yml"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
