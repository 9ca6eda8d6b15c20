package org.item2vec.learn.vectors;

import org.item2vec.learn.vocab.Vocabulary;

/**
 * A trained model: one input vector per vocabulary item ("the embedding") and, when known, one output
 * (context) vector, which scores how likely an item is to follow another.
 *
 * <p>Row {@code i} of a matrix is {@code matrix[i * stride .. i * stride + dim)}; {@code stride >= dim}
 * leaves room for SIMD padding, which is always zero.
 */
public final class Embeddings {
    private final Vocabulary vocabulary;
    private final int dim;
    private final int stride;
    private final float[] input;
    private final float[] output;

    public Embeddings(Vocabulary vocabulary, int dim, int stride, float[] input, float[] output) {
        if (dim < 1 || stride < dim) {
            throw new IllegalArgumentException("bad dim " + dim + " / stride " + stride);
        }
        long expected = (long) vocabulary.size() * stride;
        if (input.length != expected || (output != null && output.length != expected)) {
            throw new IllegalArgumentException("matrix size does not match " + vocabulary.size() + " × " + stride);
        }
        this.vocabulary = vocabulary;
        this.dim = dim;
        this.stride = stride;
        this.input = input;
        this.output = output;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public int size() {
        return vocabulary.size();
    }

    public int dim() {
        return dim;
    }

    public int stride() {
        return stride;
    }

    /** The input matrix, shared, not copied. */
    public float[] input() {
        return input;
    }

    /** The output (context) matrix, shared, not copied; {@code null} when the model has none. */
    public float[] output() {
        return output;
    }

    public boolean hasOutput() {
        return output != null;
    }
}
