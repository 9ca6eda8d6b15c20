package org.item2vec.learn.sgns;

/**
 * The cheap random numbers of the training loop. State is a plain {@code long} held by each worker, so a
 * draw allocates nothing and shares nothing between threads.
 */
public final class Randoms {
    private Randoms() {
    }

    /** xorshift64*: advances a non-zero state. */
    static long advance(long state) {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        return state;
    }

    /** The output of xorshift64* for a state returned by {@link #advance}. */
    static long output(long state) {
        return state * 0x2545F4914F6CDD1DL;
    }

    /** SplitMix64 finaliser: turns a seed and a stream number into a well-mixed, non-zero starting state. */
    public static long seed(long seed, long stream) {
        long z = seed + (stream + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z == 0 ? 0x9E3779B97F4A7C15L : z;
    }

    /** A uniform integer in {@code [0, bound)} from the high 32 bits (Lemire's multiply-shift). */
    public static int below(long randomBits, int bound) {
        return (int) (((randomBits >>> 32) * bound) >>> 32);
    }
}
