package org.item2vec.api.model;

import org.item2vec.learn.vectors.VectorMath;

/** One item's current vectors: input, input scaled to unit length, and output. */
public record ItemVectors(String item, long count, float[] input, float[] unit, float[] output) {
    /** From the input-then-output layout of the store. */
    public static ItemVectors of(String item, long count, float[] inputThenOutput, int dim) {
        float[] input = new float[dim];
        float[] output = new float[dim];
        System.arraycopy(inputThenOutput, 0, input, 0, dim);
        System.arraycopy(inputThenOutput, dim, output, 0, dim);
        return new ItemVectors(item, count, input, unitOf(input), output);
    }

    /** A copy scaled to unit length; a zero vector stays zero. */
    public static float[] unitOf(float[] vector) {
        return VectorMath.normalizedRows(vector, 1, vector.length, vector.length);
    }
}
