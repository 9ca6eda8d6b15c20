package org.item2vec.learn.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.item2vec.learn.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

class SimilaritySearchTest {
    private static final float EPS = 1e-6f;
    private static final String[] TOKENS = {"q", "near", "far", "opposite", "long"};

    /**
     * Input vectors, 2-d: "near" is 10° from q, "long" is 30° from q but 100 times longer (cosine must ignore
     * length), "far" is orthogonal, "opposite" points the other way.
     */
    private static float[] input() {
        double a10 = Math.toRadians(10);
        double a30 = Math.toRadians(30);
        return new float[] {
                1, 0,
                (float) Math.cos(a10), (float) Math.sin(a10),
                0, 1,
                -1, 0,
                (float) (100 * Math.cos(a30)), (float) (100 * Math.sin(a30))};
    }

    /** Output vectors chosen so that q·out ranks "far" first, then "opposite", "long", "near". */
    private static float[] output() {
        return new float[] {
                5, 0,       // q itself: the highest score, must be excluded
                0.1f, 0,    // near: 0.1
                4, 0,       // far: 4
                3, 0,       // opposite: 3
                -2, 0};     // long: -2
    }

    private static Embeddings model(boolean withOutput) {
        return new Embeddings(Vocabulary.ofOrdered(TOKENS, new long[TOKENS.length]), 2, 2, input(),
                withOutput ? output() : null);
    }

    private static List<String> items(List<Neighbour> neighbours) {
        return neighbours.stream().map(Neighbour::item).toList();
    }

    @Test
    void similarReturnsCosineNearestFirstAndNeverTheQuery() {
        SimilaritySearch search = new SimilaritySearch(model(false));
        List<Neighbour> result = search.search(0, 3, SimilaritySearch.Scoring.SIMILAR);
        assertEquals(List.of("near", "long", "far"), items(result));
        assertEquals(1, result.get(0).index());
        assertEquals((float) Math.cos(Math.toRadians(10)), result.get(0).score(), EPS);
        assertEquals((float) Math.cos(Math.toRadians(30)), result.get(1).score(), EPS);
        assertEquals(0f, result.get(2).score(), EPS);
    }

    @Test
    void similarNeverReturnsTheQueryEvenWhenAnotherItemIsIdentical() {
        float[] input = {1, 1, 1, 1, 0, 1};
        Embeddings model = new Embeddings(Vocabulary.ofOrdered(new String[] {"a", "b", "c"}, new long[3]), 2, 2,
                input, null);
        List<Neighbour> result = new SimilaritySearch(model).search(1, 5, SimilaritySearch.Scoring.SIMILAR);
        assertEquals(List.of("a", "c"), items(result));
        assertEquals(1f, result.get(0).score(), EPS);
    }

    @Test
    void kLargerThanTheVocabularyReturnsAllOtherItemsBestFirst() {
        SimilaritySearch search = new SimilaritySearch(model(false));
        List<Neighbour> result = search.search(0, 100, SimilaritySearch.Scoring.SIMILAR);
        assertEquals(List.of("near", "long", "far", "opposite"), items(result));
        for (int i = 1; i < result.size(); i++) {
            assertTrue(result.get(i - 1).score() >= result.get(i).score());
        }
        assertEquals(-1f, result.get(3).score(), EPS);
    }

    @Test
    void kZeroReturnsNothing() {
        assertTrue(new SimilaritySearch(model(false)).search(0, 0, SimilaritySearch.Scoring.SIMILAR).isEmpty());
    }

    @Test
    void nextScoresByInputDotOutput() {
        SimilaritySearch search = new SimilaritySearch(model(true));
        List<Neighbour> result = search.search(0, 10, SimilaritySearch.Scoring.NEXT);
        assertEquals(List.of("far", "opposite", "near", "long"), items(result));
        assertEquals(4f, result.get(0).score(), EPS);
        assertEquals(3f, result.get(1).score(), EPS);
        assertEquals(0.1f, result.get(2).score(), EPS);
        assertEquals(-2f, result.get(3).score(), EPS);
    }

    @Test
    void nextUsesTheUnnormalisedInputVector() {
        // query "long" = 100·(cos30, sin30); far's output (4, 0) scores 400·cos30.
        SimilaritySearch search = new SimilaritySearch(model(true));
        float[] scores = new float[TOKENS.length];
        search.scores(4, SimilaritySearch.Scoring.NEXT, scores);
        assertEquals((float) (400 * Math.cos(Math.toRadians(30))), scores[2], 1e-3f);
        assertEquals((float) (500 * Math.cos(Math.toRadians(30))), scores[0], 1e-3f);
    }

    @Test
    void nextWithoutOutputVectorsFails() {
        SimilaritySearch search = new SimilaritySearch(model(false));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> search.search(0, 3, SimilaritySearch.Scoring.NEXT));
        assertTrue(e.getMessage().contains("output"), e.getMessage());
    }

    @Test
    void tiesAreBrokenByLowerIndex() {
        // All four candidates are identical; the order must be by index, whatever the heap does.
        float[] input = {1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 1, 0};
        Embeddings model = new Embeddings(
                Vocabulary.ofOrdered(new String[] {"a", "b", "c", "d", "e", "q"}, new long[6]), 2, 2, input, null);
        SimilaritySearch search = new SimilaritySearch(model);
        assertEquals(List.of("a", "b", "c", "d", "e"), items(search.search(5, 10, SimilaritySearch.Scoring.SIMILAR)));
        assertEquals(List.of("a", "b"), items(search.search(5, 2, SimilaritySearch.Scoring.SIMILAR)));
        assertEquals(List.of("b", "c"), items(search.search(0, 2, SimilaritySearch.Scoring.SIMILAR)));
    }

    @Test
    void topKKeepsTheBestOfManyOfferedInAnyOrder() {
        // 50 items on a half circle, offered in index order, with the best ones scattered.
        int n = 50;
        float[] input = new float[n * 2];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (i * 17) % n;        // a permutation of 0..49
        }
        for (int i = 0; i < n; i++) {
            double angle = Math.PI * order[i] / n;
            input[2 * i] = (float) Math.cos(angle);
            input[2 * i + 1] = (float) Math.sin(angle);
        }
        String[] tokens = new String[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = "i" + i;
        }
        int query = 0;  // angle 0: order[0] == 0
        SimilaritySearch search = new SimilaritySearch(
                new Embeddings(Vocabulary.ofOrdered(tokens, new long[n]), 2, 2, input, null));
        List<Neighbour> best = search.search(query, 5, SimilaritySearch.Scoring.SIMILAR);
        assertEquals(5, best.size());
        for (int rank = 0; rank < 5; rank++) {
            assertEquals(rank + 1, order[best.get(rank).index()], "rank " + rank);
        }
    }

    @Test
    void unitVectorHasLengthOne() {
        float[] unit = new SimilaritySearch(model(false)).unitVector(4);
        assertEquals(1f, unit[0] * unit[0] + unit[1] * unit[1], EPS);
        assertEquals((float) Math.cos(Math.toRadians(30)), unit[0], EPS);
    }

    @Test
    void nearestSearchesOnlyTheFirstItemsAndSkipsExcluded() {
        SimilaritySearch search = new SimilaritySearch(model(false));
        float[] query = search.unitVector(0);
        assertEquals(List.of("far", "opposite"), items(search.nearest(query, 10, 4, 0, 1)));
        assertEquals(List.of("q", "near"), items(search.nearest(query, 2, 5)));
    }

    @Test
    void nearestIgnoresExcludedItemsBeyondTheLimitWhenCountingResults() {
        SimilaritySearch search = new SimilaritySearch(model(false));
        float[] query = search.unitVector(0);
        // Among the first three items, excluding q leaves near and far; item 4 is outside the limit anyway.
        assertEquals(List.of("near", "far"), items(search.nearest(query, 10, 3, 0, 4)));
    }
}
