package org.item2vec.benchmarks;

import java.util.stream.DoubleStream;

/** The median of a bench's rounds: the figure quoted, since a shared machine's noise skews the mean. */
final class Median {
    private Median() {
    }

    static double of(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
