package org.item2vec.experiment.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.item2vec.events.json.BadMessageException;
import org.junit.jupiter.api.Test;

class ExperimentMessagesTest {
    @Test
    void impressionsSurviveTheRoundTrip() throws Exception {
        Impression plain = new Impression("r1", "u1", "e", "control", "p1", "v000001", List.of("a", "b"), List.of(),
                1_700_000_000_000L);
        assertEquals(plain, ExperimentMessages.impression(ExperimentMessages.toJson(plain)));
        Impression interleaved = new Impression("r2", "u1", "e", Impression.INTERLEAVED, "p1", "live",
                List.of("a", "b"), List.of("x", "y"), 1L);
        assertEquals(interleaved, ExperimentMessages.impression(ExperimentMessages.toJson(interleaved)));
    }

    @Test
    void countsSurviveTheRoundTripNegativeChangesIncluded() throws Exception {
        ExperimentCounts counts = new ExperimentCounts("e", Map.of(
                "a", new VariantCounts(10, 5, 3, 1, 2, 2, 1, -1, 1),
                "b", new VariantCounts(11, 6, 4, 0, 3, 3, 0, 1, -1)), 2, -1);
        assertEquals(counts, ExperimentMessages.counts(ExperimentMessages.toJson(counts)));
        assertEquals(counts.variant("a").plus(counts.variant("a")), counts.plus(counts).variant("a"));
        assertEquals(VariantCounts.ZERO, counts.variant("missing"));
    }

    @Test
    void badImpressionsAreRefusedWithTheReason() {
        assertBad("", "empty value");
        assertBad("{", "malformed JSON");
        assertBad("[]", "not a JSON object");
        assertBad("{'user': 'u', 'experiment': 'e', 'variant': 'v', 'items': ['a'], 'ts': 1}", null);
        assertBad("{'experiment': 'e', 'variant': 'v', 'items': ['a'], 'ts': 1}", "'user'");
        assertBad("{'user': 'u', 'experiment': 'e', 'variant': 'v', 'items': 'a', 'ts': 1}", "'items'");
        assertBad("{'user': 'u', 'experiment': 'e', 'variant': 'v', 'items': ['a', ''], 'ts': 1}", "'items'");
        assertBad("{'user': 'u', 'experiment': 'e', 'variant': 'v', 'items': ['a'], 'teams': ['x', 'y'], 'ts': 1}",
                "'teams' has 2 entries for 1 items");
        assertBad("{'user': 'u', 'experiment': 'e', 'variant': 'v', 'items': ['a'], 'ts': -5}", "'ts'");
        assertBad("{'user': 'u', 'experiment': 'e', 'variant': 'v', 'items': ['a'], 'ts': 'soon'}", "'ts'");
    }

    private static void assertBad(String json, String reason) {
        byte[] bytes = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        if (reason == null) {
            // The control case: the same message with the problem removed is read.
            try {
                ExperimentMessages.impression(bytes);
            } catch (BadMessageException e) {
                throw new AssertionError("a valid impression was refused: " + e.getMessage(), e);
            }
            return;
        }
        BadMessageException e = assertThrows(BadMessageException.class, () -> ExperimentMessages.impression(bytes));
        assertTrue(e.getMessage().contains(reason), "'" + e.getMessage() + "' should say " + reason);
    }
}
