package org.item2vec.learn.eval;

/** Scores every item as a candidate next item after a query item; higher is better. */
public interface ItemScorer {
    /** Writes the score of each item index into {@code into}; must be safe to call from several threads. */
    void score(int query, float[] into);
}
