package org.item2vec.learn.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialRulesScorerTest {
    private static float[] scores(SequentialRulesScorer scorer, int query) {
        float[] scores = new float[3];
        scorer.score(query, scores);
        return scores;
    }

    @Test
    void followersWeighOneOverTheirDistance() {
        // 0 1 2 1: 0→1 (1 and, at distance 3, 1/3), 0→2 (1/2), 1→2 (1), 1→1 (1/2), 2→1 (1)
        SequentialRulesScorer scorer = new SequentialRulesScorer(List.<int[]>of(new int[] {0, 1, 2, 1}), 3);
        assertArrayEquals(new float[] {0, 4f / 3, 0.5f}, scores(scorer, 0), 1e-6f);
        assertArrayEquals(new float[] {0, 0.5f, 1}, scores(scorer, 1), 1e-6f);
        assertArrayEquals(new float[] {0, 1, 0}, scores(scorer, 2), 1e-6f);
    }

    @Test
    void rulesAreSummedOverSessionsAndNeverLookBackwards() {
        SequentialRulesScorer scorer = new SequentialRulesScorer(List.of(new int[] {2, 0}, new int[] {0, 1},
                new int[] {0, 1}), 3);
        assertArrayEquals(new float[] {0, 2, 0}, scores(scorer, 0));
    }

    @Test
    void stepsLimitTheDistanceAndPruningTheRules() {
        List<int[]> sessions = List.<int[]>of(new int[] {0, 1, 2, 1});
        assertArrayEquals(new float[] {0, 1, 0}, scores(new SequentialRulesScorer(sessions, 3, 1, 20), 0));
        assertArrayEquals(new float[] {0, 4f / 3, 0}, scores(new SequentialRulesScorer(sessions, 3, 10, 1), 0),
                1e-6f);
    }

    @Test
    void unknownItemsAreSkippedButKeepTheirPlace() {
        SequentialRulesScorer scorer = new SequentialRulesScorer(List.<int[]>of(new int[] {0, -1, 1}), 3);
        assertArrayEquals(new float[] {0, 0.5f, 0}, scores(scorer, 0));
    }
}
