package org.item2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.item2vec.cli.Item2VecTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code item2vec api}'s failures as a user meets them: one clear line, no stack trace. */
class ApiCommandTest {
    @TempDir
    Path dir;

    @Test
    void aPortInUseIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();
            Run run = Item2VecTest.run("api", "--data-dir", dir.toString(), "--port", Integer.toString(port));

            assertEquals(1, run.code(), run.err());
            assertTrue(run.err().contains("cannot start the API: port " + port + " is in use"), run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        }
    }

    @Test
    void aBadPortIsAUsageError() {
        Run run = Item2VecTest.run("api", "--port", "eighty");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--port"), run.err());
    }
}
