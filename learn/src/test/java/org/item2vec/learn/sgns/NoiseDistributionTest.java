package org.item2vec.learn.sgns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoiseDistributionTest {
    private static final long[] COUNTS = {1000, 400, 120, 50, 7, 3, 1, 1};

    private static double[] expected(long[] counts, double exponent) {
        double[] weights = new double[counts.length];
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            weights[i] = Math.pow(counts[i], exponent);
            sum += weights[i];
        }
        for (int i = 0; i < counts.length; i++) {
            weights[i] /= sum;
        }
        return weights;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.75, 1.0, 0.0, -0.5})
    void aliasTableEncodesUnigramToThePower(double exponent) {
        double[] encoded = NoiseDistribution.unigram(COUNTS, exponent).probabilities();
        double[] wanted = expected(COUNTS, exponent);
        for (int i = 0; i < COUNTS.length; i++) {
            assertEquals(wanted[i], encoded[i], 1e-8, "outcome " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.75, -0.5})
    void drawsFollowTheDistribution(double exponent) {
        NoiseDistribution noise = NoiseDistribution.unigram(COUNTS, exponent);
        int draws = 2_000_000;
        long[] seen = new long[COUNTS.length];
        long state = Randoms.seed(42, 0);
        for (int d = 0; d < draws; d++) {
            state = Randoms.advance(state);
            seen[noise.sample(Randoms.output(state))]++;
        }
        double[] wanted = expected(COUNTS, exponent);
        double chiSquare = 0;
        for (int i = 0; i < COUNTS.length; i++) {
            double e = wanted[i] * draws;
            chiSquare += (seen[i] - e) * (seen[i] - e) / e;
        }
        // 7 degrees of freedom: the 99.9th percentile of chi-square is 24.3.
        assertTrue(chiSquare < 24.3, "chi-square " + chiSquare);
    }

    @Test
    void drawsOnlyTheGivenOutcomes() {
        int[] outcomes = {17, 4, 99};
        NoiseDistribution noise = NoiseDistribution.unigram(new long[] {5, 1, 9}, 0.75, outcomes);
        long state = Randoms.seed(1, 0);
        for (int d = 0; d < 10_000; d++) {
            state = Randoms.advance(state);
            int drawn = noise.sample(Randoms.output(state));
            assertTrue(drawn == 17 || drawn == 4 || drawn == 99, "drew " + drawn);
        }
    }

    @Test
    void rejectsAnEmptyOrWeightlessDistribution() {
        assertThrows(IllegalArgumentException.class, () -> NoiseDistribution.unigram(new long[0], 0.75));
        assertThrows(IllegalArgumentException.class, () -> NoiseDistribution.unigram(new long[] {0, 0}, 0.75));
    }
}
