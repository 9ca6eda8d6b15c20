package org.item2vec.api.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.item2vec.learn.vectors.VectorMath;
import org.item2vec.store.EmbeddingStore;
import org.item2vec.store.EmbeddingStore.StoredItem;

/**
 * Every item of a model as read from its store at one moment, in flat row-major matrices, most frequent
 * first: the input vectors, the same scaled to unit length (for cosine), and the output vectors (for next-item
 * scores). Immutable.
 */
public final class VectorTable {
    private final int dim;
    private final String[] items;
    private final long[] counts;
    private final float[] input;
    private final float[] unit;
    private final float[] output;
    private final Map<String, Integer> rowOf;

    private VectorTable(int dim, String[] items, long[] counts, float[] input, float[] output) {
        this.dim = dim;
        this.items = items;
        this.counts = counts;
        this.input = input;
        this.output = output;
        this.unit = VectorMath.normalizedRows(input, items.length, dim, dim);
        this.rowOf = new HashMap<>(items.length * 2);
        for (int row = 0; row < items.length; row++) {
            rowOf.put(items[row], row);
        }
    }

    /** Reads every item of a store; {@code dim} is the store's vector size. */
    public static VectorTable read(EmbeddingStore store, int dim) {
        List<StoredItem> stored = new ArrayList<>();
        store.forEachItem(stored::add);
        return of(dim, stored);
    }

    /** A table of the given items (each with input then output vector), ordered by count, then id. */
    public static VectorTable of(int dim, List<StoredItem> stored) {
        List<StoredItem> ordered = new ArrayList<>(stored);
        ordered.sort(Comparator.comparingLong((StoredItem s) -> -s.count()).thenComparing(StoredItem::item));
        int n = ordered.size();
        String[] items = new String[n];
        long[] counts = new long[n];
        float[] input = new float[n * dim];
        float[] output = new float[n * dim];
        for (int row = 0; row < n; row++) {
            StoredItem item = ordered.get(row);
            if (item.vectors().length != 2 * dim) {
                throw new IllegalArgumentException("item '" + item.item() + "' has " + item.vectors().length
                        + " numbers, not the " + 2 * dim + " of input and output vectors of dimension " + dim);
            }
            items[row] = item.item();
            counts[row] = item.count();
            System.arraycopy(item.vectors(), 0, input, row * dim, dim);
            System.arraycopy(item.vectors(), dim, output, row * dim, dim);
        }
        return new VectorTable(dim, items, counts, input, output);
    }

    public int dim() {
        return dim;
    }

    public int size() {
        return items.length;
    }

    /** The row of an item, or -1. */
    public int rowOf(String item) {
        Integer row = rowOf.get(item);
        return row == null ? -1 : row;
    }

    public String item(int row) {
        return items[row];
    }

    public long count(int row) {
        return counts[row];
    }

    /** Matrices shared, not copied: row {@code r} is {@code [r * dim, (r + 1) * dim)}. */
    public float[] input() {
        return input;
    }

    public float[] unit() {
        return unit;
    }

    public float[] output() {
        return output;
    }
}
