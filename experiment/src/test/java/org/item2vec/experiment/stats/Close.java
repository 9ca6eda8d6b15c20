package org.item2vec.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on relative error, the measure that matters for tail probabilities spanning hundreds of decades. */
final class Close {
    private Close() {
    }

    static void relatively(double expected, double actual, double tolerance) {
        double error = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(error <= tolerance, () -> "expected " + expected + ", got " + actual + ": relative error "
                + error + " > " + tolerance);
    }
}
