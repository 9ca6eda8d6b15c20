package org.item2vec.learn.eval;

/** Where a target lands when all items are sorted by score. */
final class Ranks {
    private Ranks() {
    }

    /**
     * The 1-based rank of {@code target}, not counting {@code excluded} (-1 for none). Ties put the more
     * frequent item (lower index) first, so that a scorer that gives many items the same score gains nothing.
     */
    static int of(float[] scores, int target, int excluded) {
        float targetScore = scores[target];
        int rank = 1;
        for (int j = 0; j < scores.length; j++) {
            if (j != excluded && j != target
                    && (scores[j] > targetScore || (scores[j] == targetScore && j < target))) {
                rank++;
            }
        }
        return rank;
    }
}
