package org.item2vec.learn.vectors;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** SIMD dot products and norms over rows of flat matrices, for search and evaluation. */
public final class VectorMath {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorMath() {
    }

    /** {@code a[aOffset ..+ length] · b[bOffset ..+ length]}. */
    public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += SPECIES.length()) {
            sum = FloatVector.fromArray(SPECIES, a, aOffset + i).fma(FloatVector.fromArray(SPECIES, b, bOffset + i), sum);
        }
        float result = sum.reduceLanes(VectorOperators.ADD);
        for (; i < length; i++) {
            result += a[aOffset + i] * b[bOffset + i];
        }
        return result;
    }

    /** Scales every row of a matrix to unit length (zero rows stay zero); returns the result as a new matrix. */
    public static float[] normalizedRows(float[] matrix, int rows, int dim, int stride) {
        float[] unit = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            float norm = (float) Math.sqrt(dot(matrix, r * stride, matrix, r * stride, dim));
            float scale = norm > 0 ? 1 / norm : 0;
            for (int i = 0; i < dim; i++) {
                unit[r * dim + i] = matrix[r * stride + i] * scale;
            }
        }
        return unit;
    }
}
