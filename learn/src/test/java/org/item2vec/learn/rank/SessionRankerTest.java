package org.item2vec.learn.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

class SessionRankerTest {
    // item 0's input vector points at item 1's output vector, item 1's at item 2's, item 2's at item 0's
    private static final Embeddings MODEL = new Embeddings(
            Vocabulary.ofOrdered(new String[] {"a", "b", "c"}, new long[3]), 2, 2,
            new float[] {1, 0, 0, 1, -1, -1},
            new float[] {-1, -1, 1, 0, 0, 1});
    private static final List<int[]> FOLLOWS = List.of(new int[] {0, 1}, new int[] {0, 2}, new int[] {0, 1},
            new int[] {1, 2});

    private static SessionScoring scoring(double decay, double rulesWeight) {
        return new SessionScoring(decay, rulesWeight, 0, 1, 10, 0.5);
    }

    private static float[] scores(SessionRanker ranker, int[] prefix, int... skipped) {
        float[] scores = new float[3];
        ranker.score(prefix, skipped, scores);
        return scores;
    }

    @Test
    void followerCountsAloneAreTheShareOfEachFollower() {
        SessionRanker ranker = new SessionRanker(MODEL, FOLLOWS, scoring(0.5, 1));
        assertArrayEquals(new float[] {0, 2f / 3, 1f / 3}, scores(ranker, new int[] {0}), 1e-6f);
    }

    @Test
    void vectorsAloneAreTheSoftmaxOfInputTimesOutput() {
        SessionRanker ranker = new SessionRanker(MODEL, FOLLOWS, scoring(0.5, 0));
        // item 0's input (1, 0) against outputs (-1, -1), (1, 0), (0, 1): dot products -1, 1, 0
        double sum = Math.exp(-1) + Math.exp(1) + Math.exp(0);
        assertArrayEquals(new float[] {(float) (Math.exp(-1) / sum), (float) (Math.exp(1) / sum), (float) (1 / sum)},
                scores(ranker, new int[] {0}), 1e-6f);
    }

    @Test
    void olderClicksWeighLessByTheDecay() {
        SessionRanker ranker = new SessionRanker(MODEL, FOLLOWS, scoring(0.25, 1));
        // the last click 1 is followed by 2 only; the click before, 0, by 1 (2/3) and 2 (1/3), weighing 1/4
        assertArrayEquals(new float[] {0, 0.25f * 2 / 3, 1 + 0.25f / 3}, scores(ranker, new int[] {0, 1}), 1e-6f);
    }

    @Test
    void skippedItemsAreNeverRankedAndSubtractTheirFollowers() {
        SessionRanker ranker = new SessionRanker(MODEL, FOLLOWS, scoring(0.5, 1));
        float[] scores = scores(ranker, new int[] {0}, 1);
        // item 1 was shown and skipped: its follower 2 loses half a share, and 1 itself is out
        assertEquals(Float.NEGATIVE_INFINITY, scores[1]);
        assertEquals(1f / 3 - 0.5f, scores[2], 1e-6f);
    }

    @Test
    void aShareOfTheScoreGoesBackToTheSessionsOwnItems() {
        // one click in three returns to an item of its session
        List<int[]> sessions = List.of(new int[] {0, 1, 0}, new int[] {1, 2});
        assertEquals(1 / 3.0, SessionCounts.repeatShare(sessions, 10), 1e-9);
        SessionRanker ranker = new SessionRanker(MODEL, sessions, scoring(0.5, 1));
        float[] scores = scores(ranker, new int[] {1, 0});
        // followers: of the last click 0, item 1; of 1 (weighing 1/2), items 0 and 2 in halves. That evidence
        // keeps 2/3 of its weight; the session's own 0 and 1 get 1/3 and 1/6 back.
        assertArrayEquals(new float[] {2f / 3 * 0.25f + 1f / 3, 2f / 3 + 1f / 6, 2f / 3 * 0.25f}, scores, 1e-6f);
    }

    @Test
    void settingsOutOfRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SessionScoring(1.5, 0.5, 0.5, 10, 10, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new SessionScoring(0.5, 0.5, -1, 10, 10, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new SessionScoring(0.5, 0.5, 0.5, 0, 10, 0.5));
    }

    @Test
    void countsOfAnotherCatalogueAreRejected() {
        SessionCounts counts = SessionCounts.of(List.of(new int[] {0, 1}), 2, 10, 10);
        assertThrows(IllegalArgumentException.class, () -> new SessionRanker(MODEL, counts, SessionScoring.DEFAULT));
    }
}
