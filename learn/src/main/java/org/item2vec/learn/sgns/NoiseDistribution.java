package org.item2vec.learn.sgns;

/**
 * Draws negative samples from the unigram distribution raised to a power (word2vec: counts^0.75), in O(1)
 * per draw with Vose's alias method.
 *
 * <p>Representation: one {@code long} per outcome, {@code threshold << 32 | alias}. A draw picks a column
 * {@code i} uniformly from the high 32 random bits, then keeps {@code i} if the low 31 bits fall below the
 * column's threshold (a probability scaled to 2^31) and takes the alias otherwise. One array read per draw,
 * and the table is {@code 8 × vocabulary} bytes instead of word2vec's 400 MB table.
 */
public final class NoiseDistribution implements SgnsKernel.Noise {
    static final long ONE = 1L << 31;

    private final long[] columns;
    private final int[] outcomes;

    private NoiseDistribution(long[] columns, int[] outcomes) {
        this.columns = columns;
        this.outcomes = outcomes;
    }

    /** The distribution over {@code 0 .. counts.length - 1} with weights {@code count^exponent}. */
    public static NoiseDistribution unigram(long[] counts, double exponent) {
        int[] identity = new int[counts.length];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        return unigram(counts, exponent, identity);
    }

    /**
     * The distribution over {@code outcomes} (for example the items of one market) with weights
     * {@code counts[k]^exponent} for outcome {@code outcomes[k]}.
     */
    public static NoiseDistribution unigram(long[] counts, double exponent, int[] outcomes) {
        if (counts.length == 0) {
            throw new IllegalArgumentException("a noise distribution needs at least one outcome");
        }
        if (counts.length != outcomes.length) {
            throw new IllegalArgumentException("counts and outcomes differ in length");
        }
        double[] weights = new double[counts.length];
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            weights[i] = Math.pow(counts[i], exponent);
            sum += weights[i];
        }
        if (!(sum > 0) || !Double.isFinite(sum)) {
            throw new IllegalArgumentException("noise weights must be positive and finite");
        }
        return new NoiseDistribution(aliasColumns(weights, sum), outcomes.clone());
    }

    /** Vose's alias method: every column holds at most two outcomes, its own and one alias. */
    private static long[] aliasColumns(double[] weights, double sum) {
        int n = weights.length;
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smallCount = 0;
        int largeCount = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / sum;
            if (scaled[i] < 1.0) {
                small[smallCount++] = i;
            } else {
                large[largeCount++] = i;
            }
        }
        long[] columns = new long[n];
        while (smallCount > 0 && largeCount > 0) {
            int less = small[--smallCount];
            int more = large[--largeCount];
            columns[less] = threshold(scaled[less]) << 32 | more;
            scaled[more] = scaled[more] + scaled[less] - 1.0;
            if (scaled[more] < 1.0) {
                small[smallCount++] = more;
            } else {
                large[largeCount++] = more;
            }
        }
        // What is left is 1.0 up to rounding: those columns always keep their own outcome.
        while (largeCount > 0) {
            int i = large[--largeCount];
            columns[i] = ONE << 32 | i;
        }
        while (smallCount > 0) {
            int i = small[--smallCount];
            columns[i] = ONE << 32 | i;
        }
        return columns;
    }

    private static long threshold(double probability) {
        return Math.min(ONE, Math.round(probability * ONE));
    }

    /** Draws one outcome from 64 random bits. */
    @Override
    public int sample(long randomBits) {
        int column = Randoms.below(randomBits, columns.length);
        long entry = columns[column];
        int chosen = (randomBits & (ONE - 1)) < (entry >>> 32) ? column : (int) entry;
        return outcomes[chosen];
    }

    public int size() {
        return columns.length;
    }

    /** The exact probability of each outcome index as the alias table encodes it (for tests and checks). */
    double[] probabilities() {
        int n = columns.length;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            double keep = (double) (columns[i] >>> 32) / ONE;
            p[i] += keep / n;
            p[(int) columns[i]] += (1 - keep) / n;
        }
        return p;
    }
}
