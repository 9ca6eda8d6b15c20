package org.item2vec.learn.sgns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SubsamplingTest {
    @Test
    void keepProbabilityIsWord2vecsFormula() {
        long total = 1_000_000;
        double sample = 1e-3;
        long count = 50_000;
        double threshold = sample * total;
        double formula = (Math.sqrt(count / threshold) + 1) * threshold / count;
        assertEquals(formula, Subsampling.keepProbability(count, total, sample), 1e-12);
        assertEquals(0.161, formula, 1e-3);
    }

    @Test
    void rareTokensAndDisabledSamplingKeepEverything() {
        assertEquals(1.0, Subsampling.keepProbability(10, 1_000_000, 1e-3));
        assertEquals(1.0, Subsampling.keepProbability(900_000, 1_000_000, 0));
        long[] thresholds = Subsampling.keepThresholds(new long[] {900_000, 100_000}, 0);
        assertEquals(Subsampling.ALWAYS, thresholds[0]);
        assertEquals(Subsampling.ALWAYS, thresholds[1]);
    }

    @Test
    void drawsAgainstTheThresholdKeepTheFormulasShare() {
        long[] counts = {600_000, 300_000, 90_000, 10_000};
        double sample = 1e-2;
        long[] thresholds = Subsampling.keepThresholds(counts, sample);
        long state = Randoms.seed(7, 0);
        int draws = 1_000_000;
        for (int token = 0; token < counts.length; token++) {
            long kept = 0;
            for (int d = 0; d < draws; d++) {
                state = Randoms.advance(state);
                if ((Randoms.output(state) & (Subsampling.ALWAYS - 1)) < thresholds[token]) {
                    kept++;
                }
            }
            double wanted = Subsampling.keepProbability(counts[token], 1_000_000, sample);
            // Binomial standard deviation is below 0.0005 at a million draws.
            assertEquals(wanted, kept / (double) draws, 0.003, "token " + token);
        }
    }
}
