package org.item2vec.learn.eval;

import java.util.List;

/** The baseline that ignores the query: items ranked by how often they were clicked in training. */
public final class PopularityScorer implements ItemScorer {
    private final float[] counts;

    public PopularityScorer(List<int[]> trainingSessions, int itemCount) {
        counts = new float[itemCount];
        for (int[] session : trainingSessions) {
            for (int item : session) {
                if (item >= 0) {
                    counts[item]++;
                }
            }
        }
    }

    @Override
    public void score(int query, float[] into) {
        System.arraycopy(counts, 0, into, 0, counts.length);
    }
}
