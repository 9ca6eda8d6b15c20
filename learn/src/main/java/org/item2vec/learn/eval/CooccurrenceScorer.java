package org.item2vec.learn.eval;

import java.util.Arrays;
import java.util.List;

/**
 * The item-to-item baseline: how often each item appeared within {@code window} positions of the query in
 * training sessions (both directions). Stored as sparse rows (CSR), built by sorting packed pairs.
 */
public final class CooccurrenceScorer implements ItemScorer {
    private final int[] rowStarts;
    private final int[] neighbours;
    private final float[] counts;

    public CooccurrenceScorer(List<int[]> trainingSessions, int itemCount, int window) {
        long[] pairs = new long[1024];
        int size = 0;
        for (int[] session : trainingSessions) {
            for (int p = 0; p < session.length; p++) {
                for (int c = Math.max(0, p - window); c <= Math.min(session.length - 1, p + window); c++) {
                    if (c == p || session[p] < 0 || session[c] < 0 || session[p] == session[c]) {
                        continue;
                    }
                    if (size == pairs.length) {
                        pairs = Arrays.copyOf(pairs, size * 2);
                    }
                    pairs[size++] = (long) session[p] << 32 | session[c];
                }
            }
        }
        Arrays.sort(pairs, 0, size);
        rowStarts = new int[itemCount + 1];
        int[] cols = new int[size];
        float[] values = new float[size];
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (distinct > 0 && pairs[i] == pairs[i - 1]) {
                values[distinct - 1]++;
                continue;
            }
            cols[distinct] = (int) pairs[i];
            values[distinct] = 1;
            rowStarts[(int) (pairs[i] >>> 32) + 1]++;
            distinct++;
        }
        for (int r = 0; r < itemCount; r++) {
            rowStarts[r + 1] += rowStarts[r];
        }
        neighbours = Arrays.copyOf(cols, distinct);
        counts = Arrays.copyOf(values, distinct);
    }

    @Override
    public void score(int query, float[] into) {
        Arrays.fill(into, 0);
        for (int i = rowStarts[query]; i < rowStarts[query + 1]; i++) {
            into[neighbours[i]] = counts[i];
        }
    }
}
