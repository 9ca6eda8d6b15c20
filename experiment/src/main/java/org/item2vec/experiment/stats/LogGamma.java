package org.item2vec.experiment.stats;

/**
 * The natural logarithm of the gamma function, needed by the chi-square distribution and by binomial
 * coefficients too large for a double.
 *
 * <p>Lanczos' approximation with g = 7 and nine coefficients (the set published by Godfrey and used by many
 * numerical libraries): for x ≥ 1/2,
 * <pre>
 *   Γ(x) = √(2π) · t^(x − 1/2) · e^(−t) · A(x),   t = x + g − 1/2,
 *   A(x) = c₀ + Σ_{i=1..8} cᵢ / (x − 1 + i),
 * </pre>
 * evaluated in logarithms so that Γ(10⁷) is no problem. The result is within a few units in the last place of
 * ln Γ(x); for large x that absolute error, about 10⁻¹⁶ · ln Γ(x), is what limits the accuracy of anything
 * exponentiated from it.
 */
final class LogGamma {
    private static final double G = 7;
    private static final double[] C = {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private LogGamma() {
    }

    /** ln Γ(x) for x ≥ 1/2 (the formula needs no reflection there, and the callers never go lower). */
    static double of(double x) {
        if (!(x >= 0.5)) {
            throw new IllegalArgumentException("ln Γ(x) is implemented for x ≥ 0.5, got " + x);
        }
        double shifted = x - 1;
        double series = C[0];
        for (int i = 1; i < C.length; i++) {
            series += C[i] / (shifted + i);
        }
        double t = shifted + G + 0.5;
        return HALF_LOG_2PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
    }
}
