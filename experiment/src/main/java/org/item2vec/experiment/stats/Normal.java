package org.item2vec.experiment.stats;

/**
 * The standard normal distribution: the reference distribution of the z statistics of an A/B test.
 *
 * <p>Everything goes through the complementary error function, Φ(z) = erfc(−z/√2) / 2. Computing the upper tail
 * as erfc(z/√2) / 2 rather than 1 − Φ(z) keeps its relative accuracy far out: Φ(8) = 1 − 6.2·10⁻¹⁶ is stored as
 * 1 − 6.7·10⁻¹⁶, so 1 − Φ(8) would be 7 % off, and beyond z ≈ 8.3 it would be 0.
 *
 * <p>erfc is evaluated with a relative error below 10⁻¹³ (checked against 40-digit values) in two ways, each
 * where it converges fast and loses little to cancellation:
 * <ul>
 *   <li>|x| &lt; 1.5: erfc(x) = 1 − erf(x) with the series erf(x) = (2/√π) e^(−x²) Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)),
 *       whose terms are all positive. Here erfc(x) ≥ 0.03, so the subtraction costs at most two digits.</li>
 *   <li>x ≥ 1.5: Laplace's continued fraction
 *       erfc(x) = (e^(−x²)/√π) · 1/(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …)))), evaluated by the modified Lentz
 *       method; it takes at most about 90 steps, fewer the larger x. For x ≤ −1.5, erfc(x) = 2 − erfc(−x).</li>
 * </ul>
 */
public final class Normal {
    /** Φ⁻¹(0.975): the half-width, in standard errors, of a two-sided 95 % interval. */
    public static final double Z_95 = 1.959963984540054;

    private static final double SQRT_2 = Math.sqrt(2);
    private static final double SQRT_PI = Math.sqrt(Math.PI);
    /** Where the series for erf gives way to the continued fraction for erfc. */
    private static final double SERIES_LIMIT = 1.5;
    /** erfc(x) rounds to 0 beyond this; cutting off here also keeps x = ∞ out of the continued fraction. */
    private static final double UNDERFLOW = 27.3;
    private static final double CONVERGED = 1e-15;

    private Normal() {
    }

    /** Φ(z) = P(Z ≤ z). */
    public static double cdf(double z) {
        return erfc(-z / SQRT_2) / 2;
    }

    /** 1 − Φ(z) = P(Z &gt; z), computed directly so it keeps its relative accuracy for large z. */
    public static double upperTail(double z) {
        return erfc(z / SQRT_2) / 2;
    }

    /** P(|Z| ≥ |z|) = 2 (1 − Φ(|z|)): the p-value of a two-sided z-test. */
    public static double twoSidedP(double z) {
        return erfc(Math.abs(z) / SQRT_2);
    }

    /** The complementary error function erfc(x) = (2/√π) ∫ₓ^∞ e^(−t²) dt. */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("erfc of NaN");
        }
        if (Math.abs(x) < SERIES_LIMIT) {
            return 1 - erf(x);
        }
        double upper = Math.abs(x) >= UNDERFLOW ? 0 : continuedFraction(Math.abs(x));
        return x > 0 ? upper : 2 - upper;
    }

    /** erf(x) by its series with positive terms; for |x| &lt; 1.5, where about 40 terms suffice. */
    private static double erf(double x) {
        double twoXSquared = 2 * x * x;
        double sum = 0;
        double term = x;
        for (int n = 1; sum + term != sum; n++) {
            sum += term;
            term *= twoXSquared / (2 * n + 1);
        }
        return 2 / SQRT_PI * Math.exp(-x * x) * sum;
    }

    /** erfc(x) for x ≥ 1.5 by Laplace's continued fraction x + a₁/(x + a₂/(x + …)), aₙ = n/2 (Lentz's method). */
    private static double continuedFraction(double x) {
        double fraction = x;
        double c = x;
        double d = 0;
        for (int n = 1; ; n++) {
            double a = n / 2.0;
            d = 1 / (x + a * d);
            c = x + a / c;
            double step = c * d;
            fraction *= step;
            if (Math.abs(step - 1) < CONVERGED) {
                return Math.exp(-x * x) / (SQRT_PI * fraction);
            }
        }
    }
}
