package org.item2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.item2vec.testing.EndToEnd;
import org.item2vec.trainer.demo.DemoMarketplace;
import org.item2vec.trainer.demo.DemoMarketplace.Listing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code item2vec demo}, the README's first command, end to end: Kafka, the streaming service, the live trainer
 * and the API in one process, fed by the demo's traffic. The README's call is answered by the live model with the
 * listings that the demo's users would take for the one asked about, and SIGTERM stops everything cleanly. The
 * times from the start are printed (the README quotes them for an idle machine), not asserted: a busy machine
 * takes longer, and the test waits for the answers.
 */
@EndToEnd
class DemoEndToEndTest {
    /** Only against a demo that never learns: on an idle 2-core machine the answers come within seconds. */
    private static final Duration ANSWER = Duration.ofMinutes(5);
    private static final Duration STOP = Duration.ofSeconds(60);
    private static final int K = 5;
    /** What a JVM stopped by SIGTERM exits with (128 + 15) once its shutdown hooks, which close the demo, ran. */
    private static final int EXIT_ON_SIGTERM = 143;

    @TempDir
    Path dir;

    @Test
    void theReadmeCallIsAnsweredByTheLiveModelAndSigtermStopsEverythingCleanly() throws Exception {
        DemoMarketplace marketplace = DemoMarketplace.generate(0, RunningDemo.SEED);
        // The listing the demo suggests trying (1000 in the README), and those that users looking for it also take.
        Listing asked = marketplace.listings().get(0);
        Set<String> alike = marketplace.listings().stream().filter(l -> l != asked && l.resembles(asked))
                .map(Listing::id).collect(Collectors.toSet());
        assertTrue(alike.size() >= K, "the demo's ground truth has " + K + " listings to find: " + alike);
        String call = "/recommend?item=" + asked.id() + "&k=" + K;

        try (RunningDemo demo = RunningDemo.start(dir)) {
            JsonNode first = demo.await(call, body -> true, ANSWER);
            Duration firstAnswer = demo.elapsed();
            JsonNode learned = demo.await(call, body -> alike.containsAll(items(body)) && items(body).size() == K,
                    ANSWER);
            Duration learnedAnswer = demo.elapsed();
            assertEquals("live", first.get("modelVersion").asText(), first::toString);
            assertEquals("live", learned.get("modelVersion").asText(), learned::toString);
            assertEquals(asked.market(), learned.get("market").asText(), learned::toString);
            assertTrue(demo.jvm().output().contains("/recommend?item=" + asked.id() + "'"),
                    "the demo suggests trying listing " + asked.id() + ":\n" + demo.jvm().output());
            System.out.printf("demo: first answer after %.1f s, all %d in listing %s's taste cluster after %.1f s: "
                    + "%s%n", firstAnswer.toMillis() / 1e3, K, asked.id(), learnedAnswer.toMillis() / 1e3, items(learned));

            String beforeStop = demo.jvm().output();
            long stopStart = System.nanoTime();
            demo.jvm().process().destroy(); // SIGTERM, as kill and docker stop send; Ctrl-C runs the same hook
            assertEquals(EXIT_ON_SIGTERM, demo.jvm().awaitExit(STOP), demo.jvm()::output);
            System.out.printf("demo: stopped %.1f s after SIGTERM%n", (System.nanoTime() - stopStart) / 1e9);
            String output = demo.jvm().output();
            String stopping = output.substring(beforeStop.length());
            for (String line : List.of("trainer: stopped", "streaming: stopped", "demo: stopped")) {
                assertTrue(stopping.contains(line), "\"" + line + "\" missing after SIGTERM:\n" + stopping);
            }
            assertFalse(stopping.contains("Exception"), "an exception while stopping:\n" + stopping);
            assertFalse(output.contains(" ERROR ") || output.contains("\tat "),
                    "an error or a stack trace in the demo's output:\n" + output);
        }
    }

    private static List<String> items(JsonNode answer) {
        List<String> items = new ArrayList<>();
        answer.get("recommendations").forEach(recommendation -> items.add(recommendation.get("item").asText()));
        return items;
    }
}
