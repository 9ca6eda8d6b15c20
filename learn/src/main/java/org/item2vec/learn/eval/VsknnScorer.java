package org.item2vec.learn.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * V-SKNN, as session-rec's {@code VMContextKNN} with its defaults (Ludewig and Jannach 2018): the training
 * sessions that share an item with the session so far, the {@code sampleSize} most recent of them, are
 * compared with it, the i-th of its n clicks weighing i/n (linear decay, the last click weighing 1, a repeated
 * item its latest position), the sum of the shared items' weights divided by the number of its distinct
 * items. The {@code k} most similar sessions give each of their items their similarity times 1/s, where s
 * is how many clicks back the most recent shared item lies. Items of the session itself are not excluded.
 */
public final class VsknnScorer implements SessionScorer {
    /** The neighbours session-rec's papers and configurations use; its code's default sample size. */
    public static final int DEFAULT_K = 100;
    public static final int DEFAULT_SAMPLE_SIZE = 1000;

    private final SessionIndex index;
    private final int k;
    private final int sampleSize;
    private final ThreadLocal<Scratch> scratch;

    /** Per-thread buffers: a stamp per session for the union, a weight per item for the session so far. */
    private static final class Scratch {
        final int[] seen;
        final float[] weights;
        int[] candidates = new int[256];
        int stamp;

        Scratch(int sessionCount, int itemCount) {
            seen = new int[sessionCount];
            weights = new float[itemCount];
        }
    }

    public VsknnScorer(TimedSessions training, int itemCount) {
        this(training, itemCount, DEFAULT_K, DEFAULT_SAMPLE_SIZE);
    }

    public VsknnScorer(TimedSessions training, int itemCount, int k, int sampleSize) {
        // sessions renumbered oldest first, so that the most recent ones have the highest indices
        long[] endTimes = training.endTimes();
        List<int[]> byTime = IntStream.range(0, endTimes.length).boxed()
                .sorted(Comparator.<Integer>comparingLong(s -> endTimes[s]).thenComparingInt(s -> s))
                .map(training.sessions()::get)
                .toList();
        this.index = new SessionIndex(byTime, itemCount);
        this.k = k;
        this.sampleSize = sampleSize;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(index.sessionCount(), itemCount));
    }

    @Override
    public void score(int[] prefix, float[] into) {
        Arrays.fill(into, 0);
        Scratch buffers = scratch.get();
        for (int p = 0; p < prefix.length; p++) {
            buffers.weights[prefix[p]] = (p + 1) / (float) prefix.length;
        }
        int distinct = (int) Arrays.stream(prefix).distinct().count();
        int[] sample = mostRecentSharing(prefix, buffers);
        long[] neighbours = new long[sample.length];
        int found = 0;
        for (int s : sample) {
            float shared = 0;
            for (int item : index.itemsOf(s)) {
                shared += buffers.weights[item];
            }
            float similarity = shared / distinct;
            if (similarity > 0) {
                // similarity descending, then the more recent session first, as one sortable key
                neighbours[found++] = (long) ~Float.floatToIntBits(similarity) << 32 | (Integer.MAX_VALUE - s);
            }
        }
        Arrays.sort(neighbours, 0, found);
        for (int n = 0; n < Math.min(k, found); n++) {
            int s = Integer.MAX_VALUE - (int) neighbours[n];
            float similarity = Float.intBitsToFloat(~(int) (neighbours[n] >> 32));
            float decay = 1f / stepsBackToShared(prefix, s);
            for (int item : index.itemsOf(s)) {
                into[item] += similarity * decay;
            }
        }
        for (int item : prefix) {
            buffers.weights[item] = 0;
        }
    }

    /** The sessions containing any item of the prefix, the {@code sampleSize} most recent of them. */
    private int[] mostRecentSharing(int[] prefix, Scratch buffers) {
        int stamp = ++buffers.stamp;
        int count = 0;
        for (int item : prefix) {
            for (int s : index.sessionsOf(item)) {
                if (buffers.seen[s] != stamp) {
                    buffers.seen[s] = stamp;
                    if (count == buffers.candidates.length) {
                        buffers.candidates = Arrays.copyOf(buffers.candidates, count * 2);
                    }
                    buffers.candidates[count++] = s;
                }
            }
        }
        Arrays.sort(buffers.candidates, 0, count);
        return Arrays.copyOfRange(buffers.candidates, Math.max(0, count - sampleSize), count);
    }

    private int stepsBackToShared(int[] prefix, int session) {
        for (int back = 1; back <= prefix.length; back++) {
            if (index.contains(session, prefix[prefix.length - back])) {
                return back;
            }
        }
        throw new IllegalStateException("a neighbour shares no item with the session");
    }
}
