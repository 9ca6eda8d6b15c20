package org.item2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: exit codes, outputs and error messages. */
class Item2VecTest {
    @TempDir
    static Path dir;
    static Path corpus;

    /** The outcome of one command. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Item2Vec.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Two clusters of ten tokens that never share a line. */
    @BeforeAll
    static void writeCorpus() throws IOException {
        Random random = new Random(1);
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 400; line++) {
            String cluster = line % 2 == 0 ? "a" : "b";
            for (int i = 0; i < 8; i++) {
                text.append(cluster).append(random.nextInt(10)).append(' ');
            }
            text.append('\n');
        }
        corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, text);
    }

    private static Path trained(String name, String binary) {
        Path output = dir.resolve(name);
        Run run = run("train", "-train", corpus.toString(), "-output", output.toString(), "-cbow", "0", "-size", "16",
                "-window", "3", "-negative", "5", "-hs", "0", "-sample", "0", "-min-count", "1", "-threads", "2",
                "-iter", "5", "-binary", binary, "--seed", "3");
        assertEquals(0, run.code(), run.err());
        return output;
    }

    @Test
    void trainAcceptsWord2vecFlagsAndWritesBothMatrices() {
        Path output = trained("w2v.bin", "1");
        assertTrue(Files.exists(output));
        assertTrue(Files.exists(dir.resolve("w2v.context.bin")));
    }

    @Test
    void trainPrintsProgressAndASummary() {
        Path output = dir.resolve("progress.txt");
        Run run = run("train", "--input", corpus.toString(), "--output", output.toString(), "--dim", "8",
                "--min-count", "1", "--epochs", "2", "--progress-seconds", "1");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("words/s/thread"), run.err());
        assertTrue(run.err().contains("ETA"), run.err());
        assertTrue(run.err().contains("trained 20 items"), run.err());
    }

    @Test
    void neighboursOfAnItemComeFromItsCluster() {
        Path vectors = trained("n.txt", "0");
        Run run = run("neighbours", "--vectors", vectors.toString(), "--item", "a1", "--k", "5");
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertEquals(6, lines.length, run.out());
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].trim().startsWith("a"), "neighbour from the other cluster: " + run.out());
        }
        Run next = run("neighbours", "--vectors", vectors.toString(), "--item", "b2", "--mode", "next");
        assertEquals(0, next.code(), next.err());
        assertTrue(next.out().contains("(next)"), next.out());
    }

    @Test
    void unknownItemIsAnErrorNamingIt() {
        Path vectors = trained("u.txt", "0");
        Run run = run("neighbours", "--vectors", vectors.toString(), "--item", "zzz");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("unknown item 'zzz'"), run.err());
    }

    @Test
    void evalReportsNextItemScoresBesideBaselines() throws IOException {
        Path vectors = trained("e.txt", "0");
        Run run = run("eval", "--vectors", vectors.toString(), "--train", corpus.toString(), "--test",
                corpus.toString(), "--k", "5");
        assertEquals(0, run.code(), run.err());
        for (String scorer : new String[] {"popularity", "co-occurrence", "item-knn", "sr", "v-sknn", "cosine",
                "in-out", "session"}) {
            for (String protocol : new String[] {"one-item", "session"}) {
                assertTrue(run.out().lines().anyMatch(line -> line.matches(protocol + " +" + scorer + " .*")),
                        run.out());
            }
        }
        assertTrue(run.out().contains("HR@5") && run.out().contains("MRR@5"), run.out());
    }

    @Test
    void evalPrintsJsonForOneProtocolAndTheScorersAsked() throws IOException {
        Path vectors = trained("j.txt", "0");
        Run run = run("eval", "--vectors", vectors.toString(), "--train", corpus.toString(), "--test",
                corpus.toString(), "--protocol", "session", "--scorers", "sr,v-sknn", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode results = new ObjectMapper().readTree(run.out()).get("results");
        assertEquals(2, results.size(), run.out());
        assertEquals("sr", results.get(0).get("scorer").asText());
        assertEquals("session", results.get(0).get("protocol").asText());
        double hitRate = results.get(1).get("hr@20").asDouble();
        assertTrue(hitRate > 0 && hitRate <= 1, run.out());
    }

    @Test
    void evalRejectsUnknownProtocolsScorersAndCutOffs() throws IOException {
        Path vectors = trained("r.txt", "0");
        String[][] bad = {{"--protocol", "all"}, {"--scorers", "sr,gru"}, {"--k", "0"}, {"--k", "ten"},
                {"--rules-weight", "2"}};
        for (String[] option : bad) {
            Run run = run("eval", "--vectors", vectors.toString(), "--test", corpus.toString(), option[0], option[1]);
            assertEquals(2, run.code(), String.join(" ", option) + ": " + run.err());
            assertTrue(run.err().contains(option[0].equals("--scorers") ? "gru" : option[0]), run.err());
        }
    }

    @Test
    void evalOnAFileWithoutAKnownItemSuggestsTheInputFormat() throws IOException {
        Path vectors = trained("f.txt", "0");
        Path clicks = dir.resolve("clicks-of-known-items.csv");
        Files.writeString(clicks, "session,item,time\n1,a1,1000\n1,a2,1060\n");
        Run run = run("eval", "--vectors", vectors.toString(), "--test", clicks.toString(), "--input-format",
                "sessions");
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("has no next click between items the model knows (read as sessions; is --input-format right?)"),
                run.err());
        assertEquals(0, run("eval", "--vectors", vectors.toString(), "--test", clicks.toString()).code());
    }

    @Test
    void evalWithoutTrainingSessionsSaysWhichScorersItSkips() throws IOException {
        Path vectors = trained("s.txt", "0");
        Run run = run("eval", "--vectors", vectors.toString(), "--test", corpus.toString(), "--scorers",
                "cosine,v-sknn");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("skipping 'v-sknn': it needs --train FILE"), run.err());
        assertTrue(run.out().contains("cosine"), run.out());
    }

    @Test
    void evalComputesAnalogyAccuracy() throws IOException {
        Path vectors = trained("a.txt", "0");
        Path questions = dir.resolve("questions.txt");
        Files.writeString(questions, ": clusters\na1 a2 b1 b2\na3 a4 zz b4\n");
        Run run = run("eval", "--vectors", vectors.toString(), "--analogies", questions.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("/ 1 questions; 1 skipped"), run.out());
    }

    @Test
    void benchPrintsThroughputMediansAndPeakMemory() {
        Run run = run("bench", "--input", corpus.toString(), "--dim", "8", "--min-count", "1", "--epochs", "1",
                "--repeat", "2");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("run 2:"), run.out());
        assertTrue(run.out().contains("median: wall"), run.out());
        assertTrue(run.out().contains("peak memory"), run.out());
    }

    @Test
    void demoTrainsAndShowsSimilarListings() {
        Run run = run("demo-batch", "--dir", dir.resolve("demo").toString(), "--users", "300");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("most similar"), run.out());
        assertTrue(Files.exists(dir.resolve("demo").resolve("vectors.txt")));
    }

    @Test
    void unknownFlagIsAUsageError() {
        Run run = run("train", "-train", corpus.toString(), "-output", "x", "-bogus", "1");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("unknown option '-bogus'"), run.err());
    }

    @Test
    void badNumbersAndMissingValuesAreUsageErrors() {
        Run notNumber = run("train", "-train", corpus.toString(), "-output", "x", "-size", "big");
        assertEquals(2, notNumber.code());
        assertTrue(notNumber.err().contains("--dim must be a whole number, got 'big'"), notNumber.err());

        Run outOfRange = run("train", "-train", corpus.toString(), "-output", "x", "-window", "0");
        assertEquals(2, outOfRange.code());
        assertTrue(outOfRange.err().contains("--window must be between 1"), outOfRange.err());

        Run missingValue = run("train", "-train");
        assertEquals(2, missingValue.code());
        assertTrue(missingValue.err().contains("needs a value"), missingValue.err());

        Run missingInput = run("train", "-output", "x");
        assertEquals(2, missingInput.code());
        assertTrue(missingInput.err().contains("needs --input"), missingInput.err());
    }

    @Test
    void unsupportedWord2vecModesAreRefusedClearly() {
        Run cbow = run("train", "-train", corpus.toString(), "-output", "x", "-cbow", "1");
        assertEquals(2, cbow.code());
        assertTrue(cbow.err().contains("CBOW is not supported"), cbow.err());
        Run hs = run("train", "-train", corpus.toString(), "-output", "x", "-hs", "1");
        assertEquals(2, hs.code());
        assertTrue(hs.err().contains("hierarchical softmax"), hs.err());
    }

    @Test
    void marketNegativesNeedItemMetadata() {
        Run run = run("train", "-train", corpus.toString(), "-output", dir.resolve("m.txt").toString(),
                "--min-count", "1", "--market-negatives", "2");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--items"), run.err());
    }

    @Test
    void skippedClickRowsAreReportedWithTheirLine() throws IOException {
        Path clicks = dir.resolve("clicks.csv");
        Files.writeString(clicks, "user,item,timestamp\nu1,a,1000\nu1,b,1060\nu1,c,not-a-time\nu2,a,1000\nu2,b,1030\n");
        Path vectors = dir.resolve("clicks-vectors.txt");
        Run train = run("train", "--input", clicks.toString(), "--output", vectors.toString(), "--dim", "4",
                "--min-count", "1", "--sample", "0", "--epochs", "1");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.err().contains("1 row skipped") && train.err().contains("line 4"), train.err());

        Run eval = run("eval", "--vectors", vectors.toString(), "--test", clicks.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.err().contains("1 row skipped") && eval.err().contains("line 4"), eval.err());
    }

    @Test
    void missingFileIsAClearError() {
        Run run = run("train", "-train", dir.resolve("nope.txt").toString(), "-output", "x");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("file not found"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void emptyCorpusIsAClearError() throws IOException {
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "\n\n");
        Run run = run("train", "-train", empty.toString(), "-output", dir.resolve("x.txt").toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("the corpus is empty"), run.err());
    }

    @Test
    void corruptVectorsFileIsAClearError() throws IOException {
        Path corrupt = dir.resolve("corrupt.txt");
        Files.writeString(corrupt, "3 4\na 1 2 3 4\nb 1 2\n");
        Run run = run("neighbours", "--vectors", corrupt.toString(), "--item", "a");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("corrupt.txt"), run.err());
    }

    @Test
    void commandsAndHelp() {
        assertEquals(2, run().code());
        Run unknown = run("fly");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown command 'fly'"));
        Run help = run("train", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("-size"), help.out());
        Run evalWithoutWork = run("eval", "--vectors", "x");
        assertEquals(2, evalWithoutWork.code());
    }
}
