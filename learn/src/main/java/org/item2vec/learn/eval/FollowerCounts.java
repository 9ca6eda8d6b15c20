package org.item2vec.learn.eval;

import java.util.List;

/**
 * Which items follow which in training sessions: a click at position p gives each click at p + d
 * ({@code 1 <= d <= steps}) the weight 1/d, summed over all sessions, as session-rec's sequential rules
 * ("div" weighting) count them.
 */
public final class FollowerCounts {
    private FollowerCounts() {
    }

    /** The counts as rows (from, to), each row cut to its {@code limit} heaviest followers. */
    public static SparseRows rows(List<int[]> sessions, int itemCount, int steps, int limit) {
        int[] clickCounts = new int[itemCount + 1];
        for (int[] session : sessions) {
            for (int item : session) {
                if (item >= 0) {
                    clickCounts[item + 1]++;
                }
            }
        }
        for (int item = 0; item < itemCount; item++) {
            clickCounts[item + 1] += clickCounts[item];
        }
        // each item's clicks as (session, position), packed into one long
        long[] clicks = new long[clickCounts[itemCount]];
        int[] filled = new int[itemCount];
        for (int s = 0; s < sessions.size(); s++) {
            int[] session = sessions.get(s);
            for (int p = 0; p < session.length; p++) {
                if (session[p] >= 0) {
                    clicks[clickCounts[session[p]] + filled[session[p]]++] = (long) s << 32 | p;
                }
            }
        }
        SparseRows rows = new SparseRows(itemCount);
        float[] row = new float[itemCount];
        int[] touched = new int[itemCount];
        for (int item = 0; item < itemCount; item++) {
            int touchedCount = 0;
            for (int c = clickCounts[item]; c < clickCounts[item + 1]; c++) {
                int[] session = sessions.get((int) (clicks[c] >>> 32));
                int p = (int) clicks[c];
                for (int d = 1; d <= steps && p + d < session.length; d++) {
                    int follower = session[p + d];
                    if (follower >= 0) {
                        if (row[follower] == 0) {
                            touched[touchedCount++] = follower;
                        }
                        row[follower] += 1f / d;
                    }
                }
            }
            rows.appendRow(item, row, touched, touchedCount, limit);
        }
        return rows;
    }
}
