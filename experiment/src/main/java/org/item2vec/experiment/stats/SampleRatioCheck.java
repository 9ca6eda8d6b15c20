package org.item2vec.experiment.stats;

/**
 * Detects a sample-ratio mismatch: users (or lists) split between variants in proportions other than the
 * configured weights. A mismatch means assignment or logging is broken somewhere, and then no other number of
 * the experiment can be trusted, however significant.
 *
 * <p>Pearson's chi-square goodness-of-fit test: with N observations in all and weights wᵢ normalised by their
 * sum W, variant i expects eᵢ = N · wᵢ / W, and χ² = Σ (oᵢ − eᵢ)² / eᵢ has k − 1 degrees of freedom for k
 * variants. The check flags a mismatch when the p-value is below {@link #ALPHA}.
 *
 * <p>Special cases:
 * <ul>
 *   <li>A variant with weight 0 and no observations is left out (it does not count towards k).</li>
 *   <li>A variant with weight 0 but observations has an infinite χ²: a certain mismatch. It is reported as
 *       χ² = {@link Double#MAX_VALUE} and p = 0, since JSON has no infinity. Any χ² beyond the largest double is
 *       capped the same way.</li>
 *   <li>With no observations at all there is nothing to test: χ² = 0, p = 1, no mismatch.</li>
 *   <li>With a single variant left there are 0 degrees of freedom; it got everything, as configured: p = 1.</li>
 * </ul>
 */
public final class SampleRatioCheck {
    /**
     * The p-value below which the split is called a mismatch. Experimentation platforms commonly use 0.001 rather
     * than 0.05 for this check, because it runs on every experiment, often repeatedly, and each false alarm
     * discards an experiment; a real mismatch is usually large and still far below 0.001.
     */
    public static final double ALPHA = 0.001;

    private SampleRatioCheck() {
    }

    /**
     * @param chiSquare        Pearson's χ², finite (see {@link SampleRatioCheck} for the cap)
     * @param degreesOfFreedom variants compared minus one
     * @param pValue           P(χ² at least this large) if the split followed the weights
     * @param mismatch         pValue &lt; {@link #ALPHA}
     */
    public record Result(double chiSquare, int degreesOfFreedom, double pValue, boolean mismatch) {
    }

    /**
     * Tests the observed counts per variant against the configured weights.
     *
     * @param observed observations per variant
     * @param weights  configured weight per variant, in the same order; they need not sum to 1
     * @throws IllegalArgumentException if the arrays are empty or differ in length, a count is negative, a weight
     *                                  is negative or not finite, or all weights are 0
     */
    public static Result test(long[] observed, double[] weights) {
        checkArguments(observed, weights);
        double weightSum = 0;
        long total = 0;
        int variants = 0;
        boolean observedWithoutWeight = false;
        for (int i = 0; i < observed.length; i++) {
            weightSum += weights[i];
            total += observed[i];
            if (weights[i] > 0 || observed[i] > 0) {
                variants++;
            }
            if (weights[i] == 0 && observed[i] > 0) {
                observedWithoutWeight = true;
            }
        }
        int degreesOfFreedom = variants - 1;

        if (observedWithoutWeight) {
            return new Result(Double.MAX_VALUE, degreesOfFreedom, 0, true);
        }
        if (total == 0 || degreesOfFreedom == 0) {
            return new Result(0, degreesOfFreedom, 1, false);
        }
        double chiSquare = 0;
        for (int i = 0; i < observed.length; i++) {
            if (weights[i] > 0) {
                double expected = total * weights[i] / weightSum;
                double deviation = observed[i] - expected;
                chiSquare += deviation * deviation / expected;
            }
        }
        chiSquare = Math.min(chiSquare, Double.MAX_VALUE);
        double pValue = ChiSquare.survival(chiSquare, degreesOfFreedom);
        return new Result(chiSquare, degreesOfFreedom, pValue, pValue < ALPHA);
    }

    private static void checkArguments(long[] observed, double[] weights) {
        if (observed.length == 0 || observed.length != weights.length) {
            throw new IllegalArgumentException("need one weight per observed count and at least one variant, got "
                    + observed.length + " counts and " + weights.length + " weights");
        }
        boolean anyWeight = false;
        for (int i = 0; i < observed.length; i++) {
            if (observed[i] < 0) {
                throw new IllegalArgumentException("negative count " + observed[i] + " for variant " + i);
            }
            if (!(weights[i] >= 0) || weights[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("weight " + weights[i] + " for variant " + i
                        + " is not a finite number ≥ 0");
            }
            anyWeight |= weights[i] > 0;
        }
        if (!anyWeight) {
            throw new IllegalArgumentException("all weights are 0");
        }
    }
}
