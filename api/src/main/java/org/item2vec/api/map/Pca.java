package org.item2vec.api.map;

import java.util.SplittableRandom;

/**
 * Principal component analysis in plain double arithmetic: the covariance matrix of the points, then its
 * leading eigenvectors one at a time by power iteration, each taken out of the matrix (deflation) before the
 * next is sought. The iteration also keeps each vector orthogonal to the axes found before it, which rounding
 * would otherwise undo where little variance is left (points on a line would get a second axis along the
 * first). Deterministic: the iteration starts from a fixed pseudo-random vector, and each axis is
 * signed so that its largest coordinate is positive, so a map recomputed on slightly changed vectors does not
 * flip over.
 */
public final class Pca {
    private static final int MAX_ITERATIONS = 1_000;
    /** Stop when an iteration turns the vector by less than about 1e-7 radians (1 − cos θ ≈ θ² / 2). */
    private static final double CONVERGED = 1e-14;
    private static final long START_SEED = 42;

    private Pca() {
    }

    /**
     * @param mean          the centre of the points
     * @param axes          the principal axes, unit length, largest variance first
     * @param variances     the variance of the points along each axis
     * @param totalVariance the variance summed over every dimension
     */
    public record Result(double[] mean, double[][] axes, double[] variances, double totalVariance) {
        /** The share of the total variance along each axis; zeros when the points do not vary. */
        public double[] explainedVariance() {
            double[] shares = new double[variances.length];
            for (int i = 0; i < shares.length; i++) {
                shares[i] = totalVariance > 0 ? variances[i] / totalVariance : 0;
            }
            return shares;
        }

        /** The coordinate of row {@code row} of a row-major matrix along axis {@code axis}. */
        public double project(float[] rows, int row, int axis) {
            double[] direction = axes[axis];
            int dim = mean.length;
            double sum = 0;
            for (int i = 0; i < dim; i++) {
                sum += (rows[row * dim + i] - mean[i]) * direction[i];
            }
            return sum;
        }
    }

    /**
     * The first {@code components} principal axes of {@code n} points of dimension {@code dim}, stored row-major
     * in {@code rows}.
     */
    public static Result fit(float[] rows, int n, int dim, int components) {
        if (components < 1 || components > dim) {
            throw new IllegalArgumentException("cannot find " + components + " axes in " + dim + " dimensions");
        }
        double[] mean = mean(rows, n, dim);
        double[] covariance = covariance(rows, n, dim, mean);
        double total = 0;
        for (int i = 0; i < dim; i++) {
            total += covariance[i * dim + i];
        }
        SplittableRandom random = new SplittableRandom(START_SEED);
        double[][] axes = new double[components][];
        double[] variances = new double[components];
        for (int k = 0; k < components; k++) {
            double[] axis = leadingEigenvector(covariance, dim, axes, k, random);
            double variance = Math.max(0, quadraticForm(covariance, dim, axis));
            deflate(covariance, dim, axis, variance);
            axes[k] = signed(axis);
            variances[k] = variance;
        }
        return new Result(mean, axes, variances, total);
    }

    private static double[] mean(float[] rows, int n, int dim) {
        double[] mean = new double[dim];
        for (int row = 0; row < n; row++) {
            for (int i = 0; i < dim; i++) {
                mean[i] += rows[row * dim + i];
            }
        }
        for (int i = 0; i < dim; i++) {
            mean[i] = n > 0 ? mean[i] / n : 0;
        }
        return mean;
    }

    /** The population covariance, row-major {@code dim × dim}; the upper triangle is summed, then mirrored. */
    private static double[] covariance(float[] rows, int n, int dim, double[] mean) {
        double[] covariance = new double[dim * dim];
        double[] centred = new double[dim];
        for (int row = 0; row < n; row++) {
            for (int i = 0; i < dim; i++) {
                centred[i] = rows[row * dim + i] - mean[i];
            }
            for (int i = 0; i < dim; i++) {
                double ci = centred[i];
                for (int j = i; j < dim; j++) {
                    covariance[i * dim + j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                double value = n > 0 ? covariance[i * dim + j] / n : 0;
                covariance[i * dim + j] = value;
                covariance[j * dim + i] = value;
            }
        }
        return covariance;
    }

    /**
     * Power iteration: multiplying by the matrix again and again turns any start vector towards the eigenvector
     * of the largest eigenvalue, here among the directions orthogonal to the first {@code found} axes. When the
     * matrix has nothing left there (no variance), the start vector is as good an axis as any.
     */
    private static double[] leadingEigenvector(double[] matrix, int dim, double[][] axes, int found,
                                               SplittableRandom random) {
        double[] vector = new double[dim];
        do {
            for (int i = 0; i < dim; i++) {
                vector[i] = random.nextDouble() - 0.5;
            }
            orthogonalize(vector, axes, found);
        } while (!normalize(vector));
        double[] next = new double[dim];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            multiply(matrix, dim, vector, next);
            orthogonalize(next, axes, found);
            if (!normalize(next)) {
                return vector;
            }
            double cosine = Math.abs(dot(next, vector));
            double[] previous = vector;
            vector = next;
            next = previous;
            if (1 - cosine < CONVERGED) {
                break;
            }
        }
        return vector;
    }

    /** Gram–Schmidt: removes from the vector its parts along the first {@code found} axes. */
    private static void orthogonalize(double[] vector, double[][] axes, int found) {
        for (int k = 0; k < found; k++) {
            double along = dot(vector, axes[k]);
            for (int i = 0; i < vector.length; i++) {
                vector[i] -= along * axes[k][i];
            }
        }
    }

    /** Removes an eigenvector's part from the matrix, so that the next one found is the next largest. */
    private static void deflate(double[] matrix, int dim, double[] axis, double eigenvalue) {
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                matrix[i * dim + j] -= eigenvalue * axis[i] * axis[j];
            }
        }
    }

    /** The axis turned, if need be, so that its largest coordinate (the first of equals) is positive. */
    private static double[] signed(double[] axis) {
        int largest = 0;
        for (int i = 1; i < axis.length; i++) {
            if (Math.abs(axis[i]) > Math.abs(axis[largest])) {
                largest = i;
            }
        }
        if (axis[largest] < 0) {
            for (int i = 0; i < axis.length; i++) {
                axis[i] = -axis[i];
            }
        }
        return axis;
    }

    private static void multiply(double[] matrix, int dim, double[] vector, double[] result) {
        for (int i = 0; i < dim; i++) {
            double sum = 0;
            for (int j = 0; j < dim; j++) {
                sum += matrix[i * dim + j] * vector[j];
            }
            result[i] = sum;
        }
    }

    private static double quadraticForm(double[] matrix, int dim, double[] vector) {
        double sum = 0;
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                sum += vector[i] * matrix[i * dim + j] * vector[j];
            }
        }
        return sum;
    }

    /** Scales to unit length; false (and the vector untouched) when it is zero. */
    private static boolean normalize(double[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        if (norm == 0) {
            return false;
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= norm;
        }
        return true;
    }

    /** The dot product; the tests compare axes with it too. */
    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
