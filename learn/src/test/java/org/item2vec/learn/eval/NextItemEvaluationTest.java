package org.item2vec.learn.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.item2vec.learn.corpus.Corpus;
import org.item2vec.learn.corpus.CorpusBuilder;
import org.item2vec.learn.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

class NextItemEvaluationTest {
    private static final double EPS = 1e-12;

    /** Popularity: item 0 seen 3 times, item 1 twice, item 2 once, item 3 never. */
    private static final PopularityScorer POPULARITY =
            new PopularityScorer(List.of(new int[] {0, 1, 0}, new int[] {2, 0, 1}), 4);

    private static NextItemEvaluation.Result evaluate(List<int[]> test, int k) {
        return new NextItemEvaluation(test, 4).evaluate("popularity", POPULARITY, k);
    }

    @Test
    void rankOneHitGivesMrrOne() {
        // after 3, the ranking of the others is 0, 1, 2: the next item 0 is first
        NextItemEvaluation.Result result = evaluate(List.of(new int[] {3, 0}), 1);
        assertEquals(1.0, result.hitRate(), EPS);
        assertEquals(1.0, result.mrr(), EPS);
        assertEquals(1, result.pairs());
    }

    @Test
    void theQueryItselfIsNotRanked() {
        // after 0, the ranking is 1, 2, 3: item 0, the most popular, is not in the way
        NextItemEvaluation.Result result = evaluate(List.of(new int[] {0, 1}), 1);
        assertEquals(1.0, result.mrr(), EPS);
    }

    @Test
    void rankTwoHitGivesMrrOneHalf() {
        // after 0, the ranking is 1, 2, 3: item 2 is second
        NextItemEvaluation.Result result = evaluate(List.of(new int[] {0, 2}), 2);
        assertEquals(1.0, result.hitRate(), EPS);
        assertEquals(0.5, result.mrr(), EPS);
    }

    @Test
    void hitBeyondKIsAMissWithMrrZero() {
        NextItemEvaluation.Result result = evaluate(List.of(new int[] {0, 2}), 1);
        assertEquals(0.0, result.hitRate(), EPS);
        assertEquals(0.0, result.mrr(), EPS);
        assertEquals(1, result.pairs());
    }

    @Test
    void handComputedHitRateAndMrrOverSeveralPairs() {
        // pairs: (3,0) rank 1, (0,1) rank 1, (0,2) rank 2, (1,3) rank 3; (2,2) is a repeat and skipped
        NextItemEvaluation.Result result = evaluate(List.of(new int[] {3, 0, 1}, new int[] {0, 2, 2}, new int[] {1, 3}), 2);
        assertEquals(4, result.pairs());
        assertEquals(0, result.unknownPairs());
        assertEquals(3 / 4.0, result.hitRate(), EPS);
        assertEquals((1 + 1 + 0.5 + 0) / 4, result.mrr(), EPS);
        assertEquals("popularity", result.name());
        assertEquals(2, result.k());
    }

    @Test
    void repeatPairsAreSkipped() {
        NextItemEvaluation.Result result = evaluate(List.of(new int[] {1, 1, 1, 0}), 5);
        assertEquals(1, result.pairs(), "only (1, 0) is a pair");
        assertEquals(1.0, result.hitRate(), EPS);
    }

    @Test
    void pairsWithUnknownItemsAreMissesInTheDenominator() {
        // (0,1) rank 1; (1,-1) and (-1,2) are unknown
        NextItemEvaluation.Result result = evaluate(List.of(new int[] {0, 1, -1, 2}), 3);
        assertEquals(3, result.pairs());
        assertEquals(2, result.unknownPairs());
        assertEquals(1 / 3.0, result.hitRate(), EPS);
        assertEquals(1 / 3.0, result.mrr(), EPS);
    }

    @Test
    void noPairsGiveZeroNotNaN() {
        NextItemEvaluation.Result result = evaluate(List.of(new int[] {1}, new int[] {2, 2}), 3);
        assertEquals(0, result.pairs());
        assertEquals(0.0, result.hitRate());
        assertEquals(0.0, result.mrr());
    }

    @Test
    void tiesRankTheLowerIndexFirst() {
        // every item seen once: all scores tie
        PopularityScorer flat = new PopularityScorer(List.of(new int[] {0, 1, 2, 3}), 4);
        NextItemEvaluation evaluation = new NextItemEvaluation(List.of(new int[] {3, 2}), 4);
        // after 3, the tie order is 0, 1, 2: item 2 is third
        assertEquals(1 / 3.0, evaluation.evaluate("flat", flat, 3).mrr(), EPS);
        assertEquals(0.0, evaluation.evaluate("flat", flat, 2).hitRate(), EPS);
        NextItemEvaluation first = new NextItemEvaluation(List.of(new int[] {3, 0}), 4);
        assertEquals(1.0, first.evaluate("flat", flat, 1).mrr(), EPS);
    }

    @Test
    void worksWithTheCooccurrenceScorer() {
        // training: 0 is followed by 2 twice and by 1 once
        CooccurrenceScorer cooccurrence = new CooccurrenceScorer(
                List.of(new int[] {0, 2}, new int[] {2, 0}, new int[] {1, 0}), 4, 1);
        NextItemEvaluation evaluation = new NextItemEvaluation(List.of(new int[] {0, 2}, new int[] {0, 1}), 4);
        NextItemEvaluation.Result result = evaluation.evaluate("co", cooccurrence, 1);
        assertEquals(0.5, result.hitRate(), EPS);
        assertEquals(0.5, result.mrr(), EPS);
        assertEquals((1 + 0.5) / 2, evaluation.evaluate("co", cooccurrence, 2).mrr(), EPS);
    }

    @Test
    void sessionsInReencodesWithAnotherVocabulary() {
        CorpusBuilder builder = new CorpusBuilder();
        builder.addSession(List.of("a", "b", "a"), null);
        builder.addSession(List.of("c", "b"), null);
        Corpus corpus = builder.build(1);
        Vocabulary model = Vocabulary.ofOrdered(new String[] {"b", "a"}, new long[2]);
        List<int[]> sessions = NextItemEvaluation.sessionsIn(corpus, model);
        assertEquals(2, sessions.size());
        assertArrayEquals(new int[] {1, 0, 1}, sessions.get(0));
        assertArrayEquals(new int[] {-1, 0}, sessions.get(1));
    }
}
