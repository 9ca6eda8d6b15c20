package org.item2vec.learn.sgns;

/**
 * word2vec's down-sampling of frequent tokens: a token with count {@code c} out of {@code T} tokens is kept
 * with probability {@code (sqrt(c / (s·T)) + 1) · (s·T) / c}, capped at 1, where {@code s} is the
 * {@code sample} parameter. With {@code s <= 0} every token is kept.
 *
 * <p>Probabilities are stored scaled to 2^31 so that a draw is one comparison with 31 random bits.
 */
public final class Subsampling {
    static final long ALWAYS = 1L << 31;

    private Subsampling() {
    }

    /** word2vec's keep probability for one token. */
    public static double keepProbability(long count, long totalCount, double sample) {
        if (sample <= 0 || count <= 0) {
            return 1.0;
        }
        double threshold = sample * totalCount;
        return Math.min(1.0, (Math.sqrt(count / threshold) + 1) * threshold / count);
    }

    /** Keep thresholds for every token of a vocabulary, each compared with 31 random bits. */
    public static long[] keepThresholds(long[] counts, double sample) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        long[] thresholds = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            thresholds[i] = Math.round(keepProbability(counts[i], total, sample) * ALWAYS);
        }
        return thresholds;
    }
}
