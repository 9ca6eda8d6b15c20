package org.item2vec.experiment.stats;

/**
 * The exact two-sided sign test: are wins of A over B as balanced as coin flips? Used for interleaving, where
 * each decided comparison is a win for one ranker.
 *
 * <p>With n = a + b decided comparisons and k = min(a, b), the p-value is min(1, 2 · P(X ≤ k)) for
 * X ~ Binomial(n, 1/2), the binomial distribution being symmetric.
 *
 * <p>P(X ≤ k) is summed from k towards 0, the terms shrinking as they go:
 * <pre>
 *   P(X ≤ k) = P(X = k) · (1 + r_k + r_k·r_{k−1} + …),   rᵢ = P(X = i − 1) / P(X = i) = i / (n − i + 1) &lt; 1,
 * </pre>
 * stopping once a term no longer changes the sum (the terms left then add less than about 10⁻¹⁴ relative).
 * P(X = k) = C(n, k) / 2ⁿ comes from logarithms, ln C(n, k) = ln Γ(n + 1) − ln Γ(k + 1) − ln Γ(n − k + 1), because
 * both factors overflow a double long before n = 10⁷. That is also what limits the accuracy: ln Γ(n + 1) is
 * about n ln n, and its rounding error of about 10⁻¹⁶ of that becomes the relative error of the p-value,
 * 10⁻¹³ at n = 1000 and 10⁻⁸ at n = 10⁷, far below anything a p-value is used for. The summation takes a few
 * times √n steps at most, about 12,000 at n = 10⁷.
 */
public final class SignTest {
    private static final double LN_2 = Math.log(2);

    private SignTest() {
    }

    /**
     * The two-sided p-value of {@code winsA} wins against {@code winsB}; 1 if there are none.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public static double twoSidedP(long winsA, long winsB) {
        if (winsA < 0 || winsB < 0) {
            throw new IllegalArgumentException("negative win count: " + winsA + " and " + winsB);
        }
        long n = winsA + winsB;
        long k = Math.min(winsA, winsB);
        return Math.min(1, 2 * lowerTail(k, n));
    }

    /** P(X ≤ k) for X ~ Binomial(n, 1/2) and k ≤ n / 2. */
    private static double lowerTail(long k, long n) {
        double logPointMass = LogGamma.of(n + 1) - LogGamma.of(k + 1) - LogGamma.of(n - k + 1) - n * LN_2;
        double sum = 0;
        double term = 1;
        for (long i = k; sum + term != sum; i--) {
            sum += term;
            term *= (double) i / (n - i + 1);
        }
        return Math.exp(logPointMass + Math.log(sum));
    }
}
