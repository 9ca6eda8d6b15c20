package org.item2vec.benchmarks;

import java.lang.management.ManagementFactory;

/** Heap occupancy as a figure worth comparing: live objects only, after a full collection. */
final class Heap {
    private Heap() {
    }

    static long usedAfterGc() {
        // A second collection catches what finalization and reference processing let go in the first.
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String mebibytes(long bytes) {
        return String.format("%,d MiB", bytes >> 20);
    }
}
