package org.item2vec.learn.vectors;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Keeps the {@code k} highest-scoring items offered to it: a min-heap of size {@code k}, whose root is the
 * score a new item must beat. Ties go to the item offered first, so results are deterministic.
 */
public final class TopK {
    private final int[] items;
    private final float[] scores;
    private int size;

    public TopK(int k) {
        items = new int[k];
        scores = new float[k];
    }

    public void offer(int item, float score) {
        if (items.length == 0) {
            return;
        }
        if (size < items.length) {
            items[size] = item;
            scores[size] = score;
            siftUp(size++);
        } else if (score > scores[0]) {
            items[0] = item;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** The kept items, best first. */
    public Neighbour[] best(IntFunction<String> token) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> scores[x] != scores[y] ? Float.compare(scores[y], scores[x])
                : Integer.compare(items[x], items[y]));
        Neighbour[] result = new Neighbour[size];
        for (int i = 0; i < size; i++) {
            result[i] = new Neighbour(items[order[i]], token.apply(items[order[i]]), scores[order[i]]);
        }
        return result;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!worse(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            int right = left + 1;
            int worst = i;
            if (left < size && worse(left, worst)) {
                worst = left;
            }
            if (right < size && worse(right, worst)) {
                worst = right;
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    /** Whether entry a ranks below entry b: a lower score, or the same score offered later. */
    private boolean worse(int a, int b) {
        return scores[a] < scores[b] || (scores[a] == scores[b] && items[a] > items[b]);
    }

    private void swap(int a, int b) {
        int item = items[a];
        items[a] = items[b];
        items[b] = item;
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }
}
