package org.item2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.item2vec.cli.Item2VecTest.Run;
import org.item2vec.trainer.demo.DemoMarketplace;
import org.item2vec.trainer.retrain.RetrainConfig;
import org.item2vec.events.sessions.ClickEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tune} and {@code replay} on a small generated click log, as a user runs them. */
class TuneAndReplayCommandTest {
    @TempDir
    static Path dir;
    static Path clicks;

    @BeforeAll
    static void writeClickLog() throws IOException {
        List<String> lines = new ArrayList<>(List.of("user,item,timestamp"));
        for (ClickEvent click : DemoMarketplace.generate(600, 5).clicks()) {
            lines.add(click.user() + "," + click.item() + "," + click.timestampMs());
        }
        clicks = Files.write(dir.resolve("clicks.csv"), lines);
    }

    @Test
    void tuneShowsEachTrialAndPrintsTheBestAsATrainCommandAndRetrainSettings() throws IOException {
        Path tuned = dir.resolve("tuned.properties");
        Run run = Item2VecTest.run("tune", "--input", clicks.toString(), "--budget", "20s", "--threads", "1",
                "--write", tuned.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("held out"), run.err());
        Matcher trials = Pattern.compile("trial (\\d+): dim").matcher(run.err());
        int count = 0;
        while (trials.find()) {
            count++;
        }
        assertTrue(count >= 2, "more than one configuration is tried: " + run.err());
        assertTrue(run.out().contains("best of " + count + " trials"), run.out());
        Matcher command = Pattern.compile("bin/item2vec train --input \\S+ --output vectors.bin -size (\\d+) "
                + "-window (\\d+) -negative (\\d+) -sample 0 -min-count 1 -iter (\\d+) --noise-exponent (\\S+)")
                .matcher(run.out());
        assertTrue(command.find(), run.out());

        Properties written = new Properties();
        try (var reader = Files.newBufferedReader(tuned)) {
            written.load(reader);
        }
        assertEquals(command.group(1), written.getProperty(RetrainConfig.DIM_KEY));
        assertEquals(command.group(2), written.getProperty(RetrainConfig.WINDOW_KEY));
        assertEquals(command.group(3), written.getProperty(RetrainConfig.NEGATIVE_KEY));
        assertEquals(command.group(4), written.getProperty(RetrainConfig.EPOCHS_KEY));
        assertEquals(Double.parseDouble(command.group(5)),
                Double.parseDouble(written.getProperty(RetrainConfig.NOISE_EXPONENT_KEY)));
    }

    @Test
    void tuneRefusesBadBudgetsAndSessionFilesClearly() throws IOException {
        Run badBudget = Item2VecTest.run("tune", "--input", clicks.toString(), "--budget", "soon");
        assertEquals(2, badBudget.code());
        assertTrue(badBudget.err().contains("--budget must be a duration"), badBudget.err());
        Run zero = Item2VecTest.run("tune", "--input", clicks.toString(), "--budget", "0s");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--budget must be positive"), zero.err());
        Path sessions = Files.writeString(dir.resolve("sessions.txt"), "a b c\nb c d\n");
        Run noTimes = Item2VecTest.run("tune", "--input", sessions.toString());
        assertEquals(2, noTimes.code());
        assertTrue(noTimes.err().contains("needs a click log with timestamps"), noTimes.err());
    }

    @Test
    void replayLearnsTheLogTheLiveWayAndScoresBothModesBesideTheBaselines() {
        Run run = Item2VecTest.run("replay", "--train", clicks.toString(), "--test", clicks.toString(),
                "--replays", "2", "--memory", "100");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("replayed "), run.err());
        for (String line : List.of("popularity", "co-occurrence", "cosine", "in-out")) {
            assertTrue(run.out().contains(line), line + " in " + run.out());
        }
        Run badParams = Item2VecTest.run("replay", "--train", clicks.toString(), "--test", clicks.toString(),
                "--replays", "3", "--memory", "0");
        assertEquals(2, badParams.code());
        assertTrue(badParams.err().contains("needs a memory"), badParams.err());
    }
}
