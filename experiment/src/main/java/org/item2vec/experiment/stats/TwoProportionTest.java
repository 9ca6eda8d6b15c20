package org.item2vec.experiment.stats;

import java.util.Optional;

/**
 * Compares a conversion rate (clicks per list, bookings per user, …) between the control and the treatment of an
 * A/B test: how large the change is, with 95 % intervals, and whether it could be chance.
 *
 * <p>With x successes out of n trials per group, p = x / n:
 * <ul>
 *   <li><b>Difference</b> p_t − p_c, with the Wald interval ± z₉₅ · √(p_c(1 − p_c)/n_c + p_t(1 − p_t)/n_t). The
 *       standard error is unpooled because the interval describes the difference wherever it lies, not under the
 *       hypothesis that it is zero.</li>
 *   <li><b>Lift</b> p_t / p_c − 1, with Katz's interval for a ratio of proportions,
 *       exp(ln(p_t/p_c) ± z₉₅ · √((1 − p_c)/x_c + (1 − p_t)/x_t)) − 1. The logarithm of a ratio is much closer to
 *       normal than the ratio itself, so the interval is asymmetric around the lift, as it should be.</li>
 *   <li><b>z and p-value</b> of the pooled two-proportion z-test: under the null hypothesis both groups share one
 *       rate, estimated by p = (x_c + x_t)/(n_c + n_t), so z = (p_t − p_c) / √(p(1 − p)(1/n_c + 1/n_t)), positive
 *       when the treatment converts more, and the p-value is two-sided.</li>
 * </ul>
 * z₉₅ is {@link Normal#Z_95}. These normal approximations want a handful of successes and of failures per group;
 * below that they are rough, which a report should show by the counts beside them.
 *
 * <p>Undefined quantities are absent, never NaN or infinite:
 * <ul>
 *   <li>{@link #compare} returns {@link Optional#empty()} if a group has no trials: there is no rate to compare.</li>
 *   <li>The lift and its bounds are {@code null} without control successes (division by p_c = 0); the bounds alone
 *       are {@code null} without treatment successes (the lift is then −1, but ln(p_t/p_c) is −∞).</li>
 *   <li>z and the p-value are {@code null} when the pooled rate is 0 or 1: nobody, or everybody, converted in both
 *       groups, so the test has no variance to measure a difference against.</li>
 * </ul>
 * In that last case the difference interval, like the Wald interval whenever both rates are 0 or 1, collapses
 * to the point 0; it is finite and reported as is.
 */
public final class TwoProportionTest {

    private TwoProportionTest() {
    }

    /**
     * The comparison of two groups' rates; see {@link TwoProportionTest} for the formulas and for when the
     * {@code Double} components are {@code null}.
     *
     * @param controlRate    p_c = x_c / n_c
     * @param treatmentRate  p_t = x_t / n_t
     * @param difference     p_t − p_c
     * @param differenceLow  lower end of its 95 % interval
     * @param differenceHigh upper end of its 95 % interval
     * @param lift           p_t / p_c − 1; {@code null} if the control had no successes
     * @param liftLow        lower end of its 95 % interval; {@code null} if either group had no successes
     * @param liftHigh       upper end of its 95 % interval; {@code null} if either group had no successes
     * @param z              the pooled z statistic; {@code null} if the pooled rate is 0 or 1
     * @param pValue         its two-sided p-value; {@code null} if the pooled rate is 0 or 1
     */
    public record Comparison(double controlRate, double treatmentRate,
                             double difference, double differenceLow, double differenceHigh,
                             Double lift, Double liftLow, Double liftHigh,
                             Double z, Double pValue) {
    }

    /**
     * Compares the treatment's rate with the control's.
     *
     * @return the comparison, or empty if either group has no trials
     * @throws IllegalArgumentException if a count is negative or a group has more successes than trials
     */
    public static Optional<Comparison> compare(long controlSuccesses, long controlTrials,
                                               long treatmentSuccesses, long treatmentTrials) {
        checkCounts("control", controlSuccesses, controlTrials);
        checkCounts("treatment", treatmentSuccesses, treatmentTrials);
        if (controlTrials == 0 || treatmentTrials == 0) {
            return Optional.empty();
        }
        double pc = (double) controlSuccesses / controlTrials;
        double pt = (double) treatmentSuccesses / treatmentTrials;

        double difference = pt - pc;
        double differenceMargin = Normal.Z_95
                * Math.sqrt(pc * (1 - pc) / controlTrials + pt * (1 - pt) / treatmentTrials);

        Double lift = null;
        Double liftLow = null;
        Double liftHigh = null;
        if (controlSuccesses > 0) {
            lift = pt / pc - 1;
            if (treatmentSuccesses > 0) {
                double logRatio = Math.log(pt / pc);
                double logMargin = Normal.Z_95
                        * Math.sqrt((1 - pc) / controlSuccesses + (1 - pt) / treatmentSuccesses);
                liftLow = Math.expm1(logRatio - logMargin);
                liftHigh = Math.expm1(logRatio + logMargin);
            }
        }

        Double z = null;
        Double pValue = null;
        long successes = controlSuccesses + treatmentSuccesses;
        long trials = controlTrials + treatmentTrials;
        if (successes > 0 && successes < trials) {
            double pooled = (double) successes / trials;
            z = difference / Math.sqrt(pooled * (1 - pooled) * (1.0 / controlTrials + 1.0 / treatmentTrials));
            pValue = Normal.twoSidedP(z);
        }

        return Optional.of(new Comparison(pc, pt, difference, difference - differenceMargin,
                difference + differenceMargin, lift, liftLow, liftHigh, z, pValue));
    }

    private static void checkCounts(String group, long successes, long trials) {
        if (successes < 0 || trials < 0 || successes > trials) {
            throw new IllegalArgumentException(group + " needs 0 ≤ successes ≤ trials, got " + successes
                    + " successes out of " + trials + " trials");
        }
    }
}
