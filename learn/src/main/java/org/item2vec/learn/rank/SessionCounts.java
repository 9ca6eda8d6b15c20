package org.item2vec.learn.rank;

import java.util.List;
import org.item2vec.learn.eval.FollowerCounts;
import org.item2vec.learn.eval.SparseRows;

/**
 * The count statistics {@link SessionRanker} keeps next to the vectors: which items follow which (weighted
 * 1/distance up to {@code steps} clicks ahead), each item's clicks, and the share of clicks that return to an
 * item among the {@code repeatWindow} clicks before them.
 */
public record SessionCounts(SparseRows followers, long[] clicks, double repeatShare) {

    /** Counts {@code sessions} (item indices, -1 for unknown items) over {@code itemCount} items. */
    public static SessionCounts of(List<int[]> sessions, int itemCount, int steps, int repeatWindow) {
        long[] clicks = new long[itemCount];
        for (int[] session : sessions) {
            for (int item : session) {
                if (item >= 0) {
                    clicks[item]++;
                }
            }
        }
        return new SessionCounts(FollowerCounts.rows(sessions, itemCount, steps, Integer.MAX_VALUE), clicks,
                repeatShare(sessions, repeatWindow));
    }

    /** The share of clicks, after the first of a session, on an item among the {@code window} clicks before. */
    static double repeatShare(List<int[]> sessions, int window) {
        long clicks = 0;
        long repeats = 0;
        for (int[] session : sessions) {
            for (int p = 1; p < session.length; p++) {
                clicks++;
                for (int back = 1; back <= Math.min(p, window); back++) {
                    if (session[p - back] == session[p]) {
                        repeats++;
                        break;
                    }
                }
            }
        }
        return clicks == 0 ? 0 : repeats / (double) clicks;
    }
}
