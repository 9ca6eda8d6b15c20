package org.item2vec.learn.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CooccurrenceScorerTest {
    private static float[] scores(CooccurrenceScorer scorer, int query, int itemCount) {
        float[] into = new float[itemCount];
        scorer.score(query, into);
        return into;
    }

    @Test
    void countsNeighboursWithinTheWindowInBothDirections() {
        CooccurrenceScorer scorer = new CooccurrenceScorer(List.of(new int[] {0, 1, 2, 3}), 5, 1);
        assertArrayEquals(new float[] {0, 1, 0, 0, 0}, scores(scorer, 0, 5));
        assertArrayEquals(new float[] {1, 0, 1, 0, 0}, scores(scorer, 1, 5));
        assertArrayEquals(new float[] {0, 1, 0, 1, 0}, scores(scorer, 2, 5));
        assertArrayEquals(new float[] {0, 0, 1, 0, 0}, scores(scorer, 3, 5));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0}, scores(scorer, 4, 5), "never seen");
    }

    @Test
    void widerWindowReachesFurther() {
        CooccurrenceScorer scorer = new CooccurrenceScorer(List.of(new int[] {0, 1, 2, 3}), 4, 2);
        assertArrayEquals(new float[] {0, 1, 1, 0}, scores(scorer, 0, 4));
        assertArrayEquals(new float[] {1, 1, 0, 1}, scores(scorer, 2, 4));
    }

    @Test
    void countsAddUpAcrossSessionsAndDirections() {
        CooccurrenceScorer scorer = new CooccurrenceScorer(
                List.of(new int[] {0, 1}, new int[] {1, 0}, new int[] {0, 1, 2}, new int[] {2, 1}), 3, 1);
        assertArrayEquals(new float[] {0, 3, 0}, scores(scorer, 0, 3));
        assertArrayEquals(new float[] {3, 0, 2}, scores(scorer, 1, 3));
        assertArrayEquals(new float[] {0, 2, 0}, scores(scorer, 2, 3));
    }

    @Test
    void anItemNeverCooccursWithItself() {
        CooccurrenceScorer scorer = new CooccurrenceScorer(List.of(new int[] {0, 0, 1}), 2, 2);
        // pairs (0,1) from position 0 and from position 1: twice
        assertArrayEquals(new float[] {0, 2}, scores(scorer, 0, 2));
        assertArrayEquals(new float[] {2, 0}, scores(scorer, 1, 2));
    }

    @Test
    void unknownItemsAreIgnoredButStillTakeAPosition() {
        CooccurrenceScorer narrow = new CooccurrenceScorer(List.of(new int[] {0, -1, 1}), 2, 1);
        assertArrayEquals(new float[] {0, 0}, scores(narrow, 0, 2));
        CooccurrenceScorer wide = new CooccurrenceScorer(List.of(new int[] {0, -1, 1}), 2, 2);
        assertArrayEquals(new float[] {0, 1}, scores(wide, 0, 2));
    }

    @Test
    void scoreClearsTheBufferFirst() {
        CooccurrenceScorer scorer = new CooccurrenceScorer(List.of(new int[] {0, 1}), 3, 1);
        float[] into = {7, 7, 7};
        scorer.score(0, into);
        assertArrayEquals(new float[] {0, 1, 0}, into);
        scorer.score(2, into);
        assertArrayEquals(new float[] {0, 0, 0}, into);
    }

    @Test
    void manyPairsGrowTheInternalArray() {
        // 600 sessions of 3 items with window 2: 6 pairs each, 3600 in all (the initial array holds 1024)
        List<int[]> sessions = new ArrayList<>();
        for (int s = 0; s < 600; s++) {
            sessions.add(new int[] {s % 10, 10 + s % 7, 20});
        }
        CooccurrenceScorer scorer = new CooccurrenceScorer(sessions, 21, 2);
        float[] item20 = scores(scorer, 20, 21);
        float total = 0;
        for (float v : item20) {
            total += v;
        }
        assertArrayEquals(new float[] {60, 60, 60}, new float[] {item20[0], item20[5], item20[9]});
        assertEquals(1200, total, "20 co-occurs twice with every session");
    }
}
