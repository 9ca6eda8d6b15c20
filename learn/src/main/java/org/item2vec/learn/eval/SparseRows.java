package org.item2vec.learn.eval;

import java.util.Arrays;

/**
 * Per-item lists of (neighbour, weight), each cut to its {@code limit} heaviest entries (ties: lower index
 * first), stored as compressed rows. Filled one row at a time from a dense scratch row.
 */
public final class SparseRows {
    private final int[] rowStarts;
    private int[] columns;
    private float[] values;
    private int size;

    SparseRows(int rows) {
        rowStarts = new int[rows + 1];
        columns = new int[Math.max(16, rows)];
        values = new float[columns.length];
    }

    /**
     * Appends row {@code row} (every row, in order) from the non-zero {@code dense} entries listed in
     * {@code touched}, keeping the {@code limit} heaviest, and clears those entries of {@code dense}.
     */
    void appendRow(int row, float[] dense, int[] touched, int touchedCount, int limit) {
        if (rowStarts[row] != size) {
            throw new IllegalStateException("rows must be appended in order, got " + row);
        }
        long[] packed = new long[touchedCount];
        int kept = 0;
        for (int t = 0; t < touchedCount; t++) {
            int column = touched[t];
            if (dense[column] > 0) {
                // descending weight, then ascending column, as one sortable key
                packed[kept++] = (long) ~Float.floatToIntBits(dense[column]) << 32 | column;
            }
        }
        Arrays.sort(packed, 0, kept);
        int count = Math.min(kept, limit);
        ensureCapacity(size + count);
        for (int i = 0; i < count; i++) {
            int column = (int) packed[i];
            columns[size] = column;
            values[size] = dense[column];
            size++;
        }
        for (int t = 0; t < touchedCount; t++) {
            dense[touched[t]] = 0;
        }
        rowStarts[row + 1] = size;
    }

    /** Writes row {@code row} into {@code into}, every other item getting 0. */
    public void scores(int row, float[] into) {
        Arrays.fill(into, 0);
        for (int i = rowStarts[row]; i < rowStarts[row + 1]; i++) {
            into[columns[i]] = values[i];
        }
    }

    /** Adds {@code factor} times row {@code row} to {@code into}. */
    public void addScaled(int row, float factor, float[] into) {
        for (int i = rowStarts[row]; i < rowStarts[row + 1]; i++) {
            into[columns[i]] += factor * values[i];
        }
    }

    /** The sum of row {@code row}'s weights. */
    public double rowSum(int row) {
        double sum = 0;
        for (int i = rowStarts[row]; i < rowStarts[row + 1]; i++) {
            sum += values[i];
        }
        return sum;
    }

    private void ensureCapacity(int capacity) {
        if (capacity > columns.length) {
            int length = Math.max(capacity, columns.length * 2);
            columns = Arrays.copyOf(columns, length);
            values = Arrays.copyOf(values, length);
        }
    }
}
