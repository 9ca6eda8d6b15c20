package org.item2vec.learn.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ItemKnnScorerTest {
    // clicks: item 0 twice, item 1 three times, item 2 three times (twice in the last session)
    private static final List<int[]> SESSIONS = List.of(new int[] {0, 1, 2}, new int[] {0, 1}, new int[] {1, 2, 2});

    private static float[] scores(ItemKnnScorer scorer, int query) {
        float[] scores = new float[3];
        scorer.score(query, scores);
        return scores;
    }

    @Test
    void cosineOfSessionVectorsWithoutRegularisation() {
        ItemKnnScorer scorer = new ItemKnnScorer(SESSIONS, 3, 100, 0, 0.5);
        // co(0,1) = 2 (both sessions of item 0 hold 1), co(0,2) = 1; supports 2, 3, 3
        assertArrayEquals(new float[] {0, (float) (2 / Math.sqrt(6)), (float) (1 / Math.sqrt(6))}, scores(scorer, 0),
                1e-6f);
        // every click on 2 (one in the first session, two in the last) sees item 1: co(2,1) = 3
        assertArrayEquals(new float[] {(float) (1 / Math.sqrt(6)), 1, 0}, scores(scorer, 2), 1e-6f);
    }

    @Test
    void defaultsRegulariseWithLambdaTwenty() {
        ItemKnnScorer scorer = new ItemKnnScorer(SESSIONS, 3);
        assertArrayEquals(new float[] {0, (float) (2 / Math.sqrt(22 * 23)), (float) (1 / Math.sqrt(22 * 23))},
                scores(scorer, 0), 1e-6f);
    }

    @Test
    void keepsOnlyTheMostSimilarNeighbours() {
        ItemKnnScorer scorer = new ItemKnnScorer(SESSIONS, 3, 1, 0, 0.5);
        assertArrayEquals(new float[] {0, (float) (2 / Math.sqrt(6)), 0}, scores(scorer, 0), 1e-6f);
    }

    @Test
    void unknownItemsAndUnseenItemsScoreNothing() {
        ItemKnnScorer scorer = new ItemKnnScorer(List.of(new int[] {0, -1, 1}), 3, 100, 0, 0.5);
        assertArrayEquals(new float[] {0, 0, 0}, scores(scorer, 2));
        assertArrayEquals(new float[] {0, 1, 0}, scores(scorer, 0), 1e-6f);
    }
}
