package org.item2vec.experiment.stats;

/**
 * The chi-square distribution: the reference distribution of a goodness-of-fit statistic.
 *
 * <p>Its survival function is a regularized upper incomplete gamma function, P(χ²ₖ &gt; x) = Q(k/2, x/2), with
 * Q(a, y) = Γ(a, y) / Γ(a) = 1 − P(a, y). Following Numerical Recipes ({@code gammq}), Q is evaluated in whichever
 * form converges fast at (a, y):
 * <ul>
 *   <li>y &lt; a + 1: the series P(a, y) = e^(−y) y^a / Γ(a) · Σₙ yⁿ / (a(a+1)…(a+n)), then Q = 1 − P.
 *       Here y is below about the mean of the gamma distribution, so Q is not small and the subtraction is
 *       harmless.</li>
 *   <li>y ≥ a + 1: the continued fraction Q(a, y) = e^(−y) y^a / Γ(a) · 1/(y + 1 − a − 1·(1 − a)/(y + 3 − a −
 *       2·(2 − a)/(y + 5 − a − …))), evaluated by the modified Lentz method, which gives small tail
 *       probabilities to full relative accuracy.</li>
 * </ul>
 * The relative error is about 10⁻¹³ for the few degrees of freedom of an experiment, growing to about 10⁻¹² at a
 * thousand, where the error of ln Γ(a) dominates.
 */
public final class ChiSquare {
    private static final double CONVERGED = 1e-15;
    /** Stands in for 0 in Lentz's method, where a zero denominator would otherwise divide by zero. */
    private static final double TINY = 1e-300;

    private ChiSquare() {
    }

    /**
     * P(X &gt; x) for X chi-square distributed with {@code degreesOfFreedom} degrees of freedom: the p-value of a
     * statistic x. It is 1 for x ≤ 0 and 0 for x = +∞.
     *
     * @throws IllegalArgumentException if x is NaN or degreesOfFreedom &lt; 1
     */
    public static double survival(double x, int degreesOfFreedom) {
        if (Double.isNaN(x) || degreesOfFreedom < 1) {
            throw new IllegalArgumentException(
                    "chi-square survival needs a number and at least one degree of freedom, got x = " + x
                            + ", degrees of freedom = " + degreesOfFreedom);
        }
        if (x <= 0) {
            return 1;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double a = degreesOfFreedom / 2.0;
        double y = x / 2;
        return y < a + 1 ? 1 - lowerBySeries(a, y) : upperByContinuedFraction(a, y);
    }

    /** P(a, y) by its series; the terms shrink from the first on, since y &lt; a + 1. */
    private static double lowerBySeries(double a, double y) {
        double term = 1 / a;
        double sum = term;
        for (double denominator = a + 1; term > sum * CONVERGED; denominator++) {
            term *= y / denominator;
            sum += term;
        }
        return sum * Math.exp(a * Math.log(y) - y - LogGamma.of(a));
    }

    /** Q(a, y) by its continued fraction, the b₀ = 0 case of the modified Lentz method. */
    private static double upperByContinuedFraction(double a, double y) {
        double b = y + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double fraction = d;
        for (int i = 1; ; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double step = d * c;
            fraction *= step;
            if (Math.abs(step - 1) < CONVERGED) {
                return fraction * Math.exp(a * Math.log(y) - y - LogGamma.of(a));
            }
        }
    }
}
