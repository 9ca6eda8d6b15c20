package org.item2vec.learn.eval;

/**
 * Scores every item as the next click of a session so far; higher is better. The prefix holds item indices
 * in click order, most recent last, never empty.
 */
public interface SessionScorer {
    /** Writes the score of each item index into {@code into}; must be safe to call from several threads. */
    void score(int[] prefix, float[] into);

    /** A scorer that looks at the last click only. */
    static SessionScorer lastItem(ItemScorer scorer) {
        return (prefix, into) -> scorer.score(prefix[prefix.length - 1], into);
    }
}
