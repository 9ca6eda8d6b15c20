package org.item2vec.learn.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Training sessions as sets: each session's distinct items (ascending) with how often each was clicked,
 * and each item's sessions (ascending session index). Unknown items (-1) are left out.
 */
final class SessionIndex {
    private final int[][] items;
    private final int[][] occurrences;
    private final int[][] sessionsByItem;
    private final long[] clicks;

    SessionIndex(List<int[]> sessions, int itemCount) {
        items = new int[sessions.size()][];
        occurrences = new int[sessions.size()][];
        clicks = new long[itemCount];
        int[] sessionCounts = new int[itemCount];
        for (int s = 0; s < items.length; s++) {
            int[] sorted = Arrays.stream(sessions.get(s)).filter(item -> item >= 0).sorted().toArray();
            int distinct = 0;
            int[] counts = new int[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                if (distinct == 0 || sorted[distinct - 1] != sorted[i]) {
                    sorted[distinct++] = sorted[i];
                }
                counts[distinct - 1]++;
                clicks[sorted[i]]++;
            }
            items[s] = Arrays.copyOf(sorted, distinct);
            occurrences[s] = Arrays.copyOf(counts, distinct);
            for (int item : items[s]) {
                sessionCounts[item]++;
            }
        }
        sessionsByItem = new int[itemCount][];
        for (int item = 0; item < itemCount; item++) {
            sessionsByItem[item] = new int[sessionCounts[item]];
        }
        int[] filled = new int[itemCount];
        for (int s = 0; s < items.length; s++) {
            for (int item : items[s]) {
                sessionsByItem[item][filled[item]++] = s;
            }
        }
    }

    int sessionCount() {
        return items.length;
    }

    /** The distinct items of session {@code s}, ascending; callers must not modify it. */
    int[] itemsOf(int s) {
        return items[s];
    }

    /** How often session {@code s} clicked {@code item} (0 if never). */
    int occurrences(int s, int item) {
        int at = Arrays.binarySearch(items[s], item);
        return at < 0 ? 0 : occurrences[s][at];
    }

    boolean contains(int s, int item) {
        return Arrays.binarySearch(items[s], item) >= 0;
    }

    /** The sessions containing {@code item}, ascending; callers must not modify it. */
    int[] sessionsOf(int item) {
        return sessionsByItem[item];
    }

    /** All clicks on {@code item}. */
    long clicks(int item) {
        return clicks[item];
    }
}
