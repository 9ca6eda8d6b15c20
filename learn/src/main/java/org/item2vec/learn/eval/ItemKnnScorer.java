package org.item2vec.learn.eval;

import java.util.List;

/**
 * Item-kNN, as session-rec's {@code ItemKNN} (Hidasi et al.'s baseline): the cosine of items' session
 * vectors, {@code co(i,j) / ((supp_i + λ)^α · (supp_j + λ)^(1-α))}, where {@code co(i,j)} counts, for every
 * click on i, the sessions of that click containing j, and {@code supp} counts an item's clicks; each item
 * keeps its {@code neighbours} most similar items. Only the last click of a session is looked at.
 */
public final class ItemKnnScorer implements ItemScorer {
    /** session-rec's defaults: 100 neighbours, λ 20, α 0.5 (cosine). */
    public static final int DEFAULT_NEIGHBOURS = 100;
    public static final double DEFAULT_LAMBDA = 20;
    public static final double DEFAULT_ALPHA = 0.5;

    private final SparseRows similarities;

    public ItemKnnScorer(List<int[]> trainingSessions, int itemCount) {
        this(trainingSessions, itemCount, DEFAULT_NEIGHBOURS, DEFAULT_LAMBDA, DEFAULT_ALPHA);
    }

    public ItemKnnScorer(List<int[]> trainingSessions, int itemCount, int neighbours, double lambda, double alpha) {
        SessionIndex index = new SessionIndex(trainingSessions, itemCount);
        float[] supportWeight = new float[itemCount];
        for (int item = 0; item < itemCount; item++) {
            supportWeight[item] = (float) Math.pow(index.clicks(item) + lambda, 1 - alpha);
        }
        similarities = new SparseRows(itemCount);
        float[] row = new float[itemCount];
        int[] touched = new int[itemCount];
        for (int item = 0; item < itemCount; item++) {
            int touchedCount = 0;
            for (int s : index.sessionsOf(item)) {
                int occurrences = index.occurrences(s, item);
                for (int other : index.itemsOf(s)) {
                    if (other != item) {
                        if (row[other] == 0) {
                            touched[touchedCount++] = other;
                        }
                        row[other] += occurrences;
                    }
                }
            }
            double ownWeight = Math.pow(index.clicks(item) + lambda, alpha);
            for (int t = 0; t < touchedCount; t++) {
                row[touched[t]] /= (float) (ownWeight * supportWeight[touched[t]]);
            }
            similarities.appendRow(item, row, touched, touchedCount, neighbours);
        }
    }

    @Override
    public void score(int query, float[] into) {
        similarities.scores(query, into);
    }
}
