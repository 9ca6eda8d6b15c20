package org.item2vec.learn.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.item2vec.learn.io.InputProblems;
import org.junit.jupiter.api.Test;

class VsknnScorerTest {
    // sessions A {1,2} ended at 10, B {2,3} at 20, C {4,5} at 30, D {1,3,4} at 40 (given out of time order)
    private static final TimedSessions TRAINING = new TimedSessions(
            List.of(new int[] {3, 1, 4}, new int[] {1, 2}, new int[] {4, 5}, new int[] {2, 3}),
            new long[] {40, 10, 30, 20}, new InputProblems());

    private static float[] scores(VsknnScorer scorer, int... prefix) {
        float[] scores = new float[6];
        scorer.score(prefix, scores);
        return scores;
    }

    @Test
    void neighboursWeighedByLinearPositionsAndDecayedByTheLastSharedClick() {
        // session [1, 2]: item 1 weighs 1/2, item 2 weighs 1; two distinct items.
        // A = (1/2 + 1) / 2 = 0.75, B = 1 / 2 = 0.5, D = (1/2) / 2 = 0.25; C shares nothing.
        // A and B hold the last click (decay 1), D only the one before it (decay 1/2).
        float[] scores = scores(new VsknnScorer(TRAINING, 6, 100, 1000), 1, 2);
        assertArrayEquals(new float[] {0, 0.75f + 0.125f, 0.75f + 0.5f, 0.5f + 0.125f, 0.125f, 0}, scores, 1e-6f);
    }

    @Test
    void onlyTheMostRecentSessionsAreCompared() {
        // a sample of 2 keeps D (ended at 40) and B (20) of the candidates A, B, D
        float[] scores = scores(new VsknnScorer(TRAINING, 6, 100, 2), 1, 2);
        assertArrayEquals(new float[] {0, 0.125f, 0.5f, 0.5f + 0.125f, 0.125f, 0}, scores, 1e-6f);
    }

    @Test
    void onlyTheKMostSimilarSessionsVote() {
        float[] scores = scores(new VsknnScorer(TRAINING, 6, 1, 1000), 1, 2);
        assertArrayEquals(new float[] {0, 0.75f, 0.75f, 0, 0, 0}, scores, 1e-6f);
    }

    @Test
    void aRepeatedItemTakesItsLatestPosition() {
        // session [2, 1, 2]: item 2 weighs 3/3, item 1 weighs 2/3; A = (1 + 2/3) / 2, B = 1 / 2, D = (2/3) / 2
        float a = (1 + 2f / 3) / 2;
        float d = (2f / 3) / 2;
        float[] scores = scores(new VsknnScorer(TRAINING, 6, 100, 1000), 2, 1, 2);
        assertArrayEquals(new float[] {0, a + d / 2, a + 0.5f, 0.5f + d / 2, d / 2, 0}, scores, 1e-6f);
    }

    @Test
    void anItemNoTrainingSessionHoldsScoresNothing() {
        assertArrayEquals(new float[6], scores(new VsknnScorer(TRAINING, 6), 0));
    }
}
