package org.item2vec.learn.rank;

/**
 * The settings of {@link SessionRanker}.
 *
 * @param recencyDecay  the weight of a click relative to the one after it: the last click weighs 1, the one
 *                      before {@code recencyDecay}, and so on
 * @param rulesWeight   the share of follower counts in each click's evidence, the rest being the SGNS vectors'
 * @param priorExponent the item prior put back into input·output scores: SGNS learns
 *                      {@code in·out = log P(next|item) - log(k · noise(next))}, so adding
 *                      {@code priorExponent · log clicks(next)} (clicks in the training sessions; the noise
 *                      exponent the vectors were trained with) turns them back into log-probabilities; 0
 *                      leaves them as they are
 * @param steps         how many clicks ahead a click's followers are counted, weighted 1/distance
 * @param maxClicks     only the most recent clicks of a session are looked at
 * @param skipWeight    how much the evidence of a skipped item (shown, not clicked) is subtracted
 */
public record SessionScoring(double recencyDecay, double rulesWeight, double priorExponent, int steps,
                             int maxClicks, double skipWeight) {
    /**
     * Measured on two click logs, e-commerce (YooChoose) and news (Globo.com), in both evaluation protocols:
     * a steep recency decay, a third of the evidence from follower counts, half the SGNS noise exponent as
     * the prior. The skip weight has no public data to be measured on.
     */
    public static final SessionScoring DEFAULT = new SessionScoring(0.3, 0.35, 0.25, 10, 10, 0.5);

    public SessionScoring {
        check(recencyDecay, "recency decay");
        check(rulesWeight, "rules weight");
        check(skipWeight, "skip weight");
        if (!(priorExponent >= 0 && priorExponent <= 2)) {
            throw new IllegalArgumentException("prior exponent must be between 0 and 2, got " + priorExponent);
        }
        if (steps < 1 || maxClicks < 1) {
            throw new IllegalArgumentException("steps and max clicks must be at least 1, got " + steps + " and "
                    + maxClicks);
        }
    }

    private static void check(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
