package org.item2vec.learn.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolEvaluationTest {
    /** Scores items by a fixed preference, and records the prefixes it was asked about. */
    private static final class FixedScorer implements SessionScorer {
        final List<int[]> prefixes = Collections.synchronizedList(new ArrayList<>());
        private final float[] preference;

        FixedScorer(float... preference) {
            this.preference = preference;
        }

        @Override
        public void score(int[] prefix, float[] into) {
            prefixes.add(prefix.clone());
            System.arraycopy(preference, 0, into, 0, preference.length);
        }
    }

    @Test
    void sessionProtocolPredictsEveryClickFromAllClicksBeforeIt() {
        FixedScorer scorer = new FixedScorer(4, 3, 2, 1);
        ProtocolEvaluation evaluation = new ProtocolEvaluation(Protocol.SESSION, List.of(new int[] {2, 2, 3, 0}), 4);
        Accuracy accuracy = evaluation.evaluate("fixed", scorer, 1, 3);
        // targets 2 (rank 3), 3 (rank 4), 0 (rank 1): the repeat counts, nothing is left out of the ranking
        assertEquals(3, accuracy.predictions());
        assertEquals(1 / 3.0, accuracy.hitRate(1), 1e-9);
        assertEquals(2 / 3.0, accuracy.hitRate(3), 1e-9);
        assertEquals((1 + 1 / 3.0) / 3, accuracy.mrr(3), 1e-9);
        List<String> prefixes = scorer.prefixes.stream().map(Arrays::toString).sorted().toList();
        assertEquals(List.of("[2, 2, 3]", "[2, 2]", "[2]"), prefixes);
    }

    @Test
    void oneItemProtocolSkipsRepeatsAndDoesNotRankTheQuery() {
        FixedScorer scorer = new FixedScorer(4, 3, 2, 1);
        ProtocolEvaluation evaluation = new ProtocolEvaluation(Protocol.ONE_ITEM, List.of(new int[] {0, 0, 3, 1}), 4);
        Accuracy accuracy = evaluation.evaluate("fixed", scorer, 1, 2);
        // pairs (0,3): 3 ranks third without 0; (3,1): 1 ranks second
        assertEquals(2, accuracy.predictions());
        assertEquals(0, accuracy.hitRate(1), 1e-9);
        assertEquals(0.5, accuracy.hitRate(2), 1e-9);
        assertEquals(0.25, accuracy.mrr(2), 1e-9);
        assertArrayEquals(new int[] {0}, scorer.prefixes.stream().filter(p -> p[0] == 0).findFirst().orElseThrow());
    }

    @Test
    void unknownItemsAreMissesAndLeftOutOfPrefixes() {
        FixedScorer scorer = new FixedScorer(1, 0, 0);
        ProtocolEvaluation evaluation = new ProtocolEvaluation(Protocol.SESSION, List.of(new int[] {-1, 0, -1, 0}), 3);
        Accuracy accuracy = evaluation.evaluate("fixed", scorer, 1);
        // click 2 has no known click before it, click 3 is unknown, click 4 is predicted from [0]
        assertEquals(3, accuracy.predictions());
        assertEquals(2, accuracy.unknown());
        assertEquals(1 / 3.0, accuracy.hitRate(1), 1e-9);
        assertEquals(List.of("[0]"), scorer.prefixes.stream().map(Arrays::toString).toList());
    }

    @Test
    void tiesGoToTheMoreFrequentItem() {
        ProtocolEvaluation evaluation = new ProtocolEvaluation(Protocol.SESSION, List.of(new int[] {0, 2}), 3);
        assertEquals(0, evaluation.evaluate("flat", new FixedScorer(0, 0, 0), 2).hitRate(2), 1e-9);
        assertEquals(1, evaluation.evaluate("flat", new FixedScorer(0, 0, 0), 3).hitRate(3), 1e-9);
    }
}
