package org.item2vec.api.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcaTest {
    private static final double[] OFFSET = {0.5, -1, 2, 0, 3};
    /** Two orthonormal directions in 5 dimensions. */
    private static final double[] U = {1 / 3.0, 2 / 3.0, 0, 2 / 3.0, 0};
    private static final double[] V = {2 / Math.sqrt(5), -1 / Math.sqrt(5), 0, 0, 0};

    /** Points {@code OFFSET + a·U + b·V}, row-major. */
    private static float[] onPlane(double[] a, double[] b) {
        float[] rows = new float[a.length * OFFSET.length];
        for (int p = 0; p < a.length; p++) {
            for (int i = 0; i < OFFSET.length; i++) {
                rows[p * OFFSET.length + i] = (float) (OFFSET[i] + a[p] * U[i] + b[p] * V[i]);
            }
        }
        return rows;
    }

    @Test
    void recoversThePlaneThePointsLieOnWithItsVariances() {
        // A full grid a ∈ {-3..3} × b ∈ {-1, 0, 1}: a and b are uncorrelated, variance 4 along U and 2/3 along V.
        double[] a = new double[21];
        double[] b = new double[21];
        for (int p = 0; p < 21; p++) {
            a[p] = p / 3 - 3;
            b[p] = p % 3 - 1;
        }
        float[] rows = onPlane(a, b);
        Pca.Result pca = Pca.fit(rows, 21, 5, 2);

        assertEquals(1, Math.abs(Pca.dot(pca.axes()[0], U)), 1e-6, "first axis along U");
        assertEquals(1, Math.abs(Pca.dot(pca.axes()[1], V)), 1e-6, "second axis along V");
        assertArrayEquals(new double[] {4, 2 / 3.0}, pca.variances(), 1e-5);
        assertArrayEquals(new double[] {6 / 7.0, 1 / 7.0}, pca.explainedVariance(), 1e-6);
        for (int i = 0; i < 5; i++) {
            assertEquals(OFFSET[i], pca.mean()[i], 1e-6);
        }
        // The axes are signed so that their largest coordinate is positive: here +U and +V exactly, and the
        // projections give back each point's (a, b).
        assertEquals(1, Pca.dot(pca.axes()[0], U), 1e-6);
        assertEquals(1, Pca.dot(pca.axes()[1], V), 1e-6);
        for (int p = 0; p < 21; p++) {
            assertEquals(a[p], pca.project(rows, p, 0), 1e-5);
            assertEquals(b[p], pca.project(rows, p, 1), 1e-5);
        }
    }

    @Test
    void pointsOnALineHaveAllTheirVarianceOnTheFirstAxisAndASecondAxisAcrossIt() {
        double[] t = {-2, -1, 0, 0.5, 3, 4.5};
        float[] rows = onPlane(t, new double[t.length]);
        Pca.Result pca = Pca.fit(rows, t.length, 5, 2);

        assertEquals(1, Math.abs(Pca.dot(pca.axes()[0], U)), 1e-6);
        assertEquals(1, pca.explainedVariance()[0], 1e-6);
        assertEquals(0, pca.explainedVariance()[1], 1e-6);
        assertEquals(0, Pca.dot(pca.axes()[0], pca.axes()[1]), 1e-9, "the second axis is orthogonal to the first");
        assertEquals(1, Pca.dot(pca.axes()[1], pca.axes()[1]), 1e-9);
        double meanT = 5 / 6.0;
        for (int p = 0; p < t.length; p++) {
            assertEquals(t[p] - meanT, pca.project(rows, p, 0), 1e-5);
            assertEquals(0, pca.project(rows, p, 1), 1e-5);
        }
    }

    @Test
    void theSamePointsGiveTheSameAxesAndSlightlyMovedOnesDoNotFlipThem() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 500;
        int dim = 16;
        float[] rows = new float[n * dim];
        for (int i = 0; i < rows.length; i++) {
            // Variance shrinking with the dimension, so that the axes are well separated.
            rows[i] = (float) (random.nextGaussian() * (dim - i % dim));
        }
        Pca.Result first = Pca.fit(rows, n, dim, 2);
        Pca.Result again = Pca.fit(rows, n, dim, 2);
        assertArrayEquals(first.axes()[0], again.axes()[0]);
        assertArrayEquals(first.axes()[1], again.axes()[1]);

        float[] moved = rows.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += (float) (0.01 * random.nextGaussian());
        }
        Pca.Result after = Pca.fit(moved, n, dim, 2);
        assertEquals(1, Pca.dot(first.axes()[0], after.axes()[0]), 1e-3);
        assertEquals(1, Pca.dot(first.axes()[1], after.axes()[1]), 1e-3);
    }

    @Test
    void pointsThatDoNotVaryHaveNoExplainedVarianceAndProjectToTheOrigin() {
        float[] rows = onPlane(new double[] {1, 1, 1}, new double[] {2, 2, 2});
        Pca.Result pca = Pca.fit(rows, 3, 5, 2);
        assertArrayEquals(new double[] {0, 0}, pca.explainedVariance());
        assertEquals(0, pca.project(rows, 1, 0), 1e-6);
        assertEquals(0, pca.project(rows, 1, 1), 1e-6);
        assertEquals(0, Pca.dot(pca.axes()[0], pca.axes()[1]), 1e-9);
    }

    @Test
    void refusesMoreAxesThanDimensions() {
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[4], 2, 2, 3));
    }
}
