package org.item2vec.benchmarks;

/**
 * Latencies in nanoseconds counted in log-linear buckets, as HdrHistogram does: 64 buckets per power of two,
 * so any percentile is within 1.6% of the true value, in a fixed array that recording never grows. One
 * histogram per thread; merge them afterwards.
 */
final class LatencyHistogram {
    private static final int SUB_BUCKET_BITS = 6;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** Values up to 2^40 ns (18 minutes); longer ones count as that. */
    private static final long MAX_VALUE = (1L << 40) - 1;

    private final long[] counts = new long[index(MAX_VALUE) + 1];
    private long total;

    void record(long nanos) {
        counts[index(Math.max(0, Math.min(nanos, MAX_VALUE)))]++;
        total++;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    long count() {
        return total;
    }

    /** The value below which {@code fraction} of the recorded values lie (the upper edge of its bucket). */
    long percentile(double fraction) {
        long wanted = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= wanted) {
                return upperEdge(i);
            }
        }
        return 0;
    }

    /** {@link #percentile} in milliseconds. */
    double millis(double fraction) {
        return percentile(fraction) / 1e6;
    }

    /** Below 2·SUB_BUCKETS a bucket per value; above, the top SUB_BUCKET_BITS + 1 bits pick the bucket. */
    private static int index(long value) {
        if (value < 2 * SUB_BUCKETS) {
            return (int) value;
        }
        int shift = 63 - Long.numberOfLeadingZeros(value) - SUB_BUCKET_BITS;
        return SUB_BUCKETS * shift + (int) (value >>> shift);
    }

    private static long upperEdge(int index) {
        if (index < 2 * SUB_BUCKETS) {
            return index;
        }
        int shift = index / SUB_BUCKETS - 1;
        long mantissa = index % SUB_BUCKETS + SUB_BUCKETS;
        return ((mantissa + 1) << shift) - 1;
    }
}
