package org.item2vec.learn.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PopularityScorerTest {
    @Test
    void scoresAreClickCountsWhateverTheQuery() {
        PopularityScorer scorer = new PopularityScorer(List.of(new int[] {2, 0, 2}, new int[] {2, -1, 1}), 4);
        float[] scores = new float[4];
        scorer.score(0, scores);
        assertArrayEquals(new float[] {1, 1, 3, 0}, scores);
        float[] again = {9, 9, 9, 9};
        scorer.score(3, again);
        assertArrayEquals(new float[] {1, 1, 3, 0}, again);
    }

    @Test
    void noSessionsScoreZero() {
        float[] scores = {5, 5};
        new PopularityScorer(List.of(), 2).score(1, scores);
        assertArrayEquals(new float[] {0, 0}, scores);
    }
}
