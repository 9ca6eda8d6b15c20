package org.item2vec.learn.vectors;

import java.util.Arrays;
import java.util.List;

/**
 * Exact nearest-neighbour search over a model, in two scorings:
 * <ul>
 *   <li>{@link Scoring#SIMILAR}: cosine of input vectors, items used in the same contexts;</li>
 *   <li>{@link Scoring#NEXT}: input·output score, SGNS's own prediction of the items that appear beside
 *       the query, which ranks likely next clicks better.</li>
 * </ul>
 * Immutable after construction; safe to use from many threads.
 */
public final class SimilaritySearch {
    /** How candidates are scored against the query item. */
    public enum Scoring { SIMILAR, NEXT }

    private final Embeddings model;
    private final float[] unitInput;
    private final int dim;

    public SimilaritySearch(Embeddings model) {
        this.model = model;
        this.dim = model.dim();
        this.unitInput = VectorMath.normalizedRows(model.input(), model.size(), dim, model.stride());
    }

    public Embeddings model() {
        return model;
    }

    /** The k best items for {@code query} (a vocabulary index), never the query itself. */
    public List<Neighbour> search(int query, int k, Scoring scoring) {
        float[] scores = new float[model.size()];
        scores(query, scoring, scores);
        return best(scores, k, query);
    }

    /** The score of every item for {@code query}, written into {@code into}. */
    public void scores(int query, Scoring scoring, float[] into) {
        if (scoring == Scoring.NEXT) {
            if (!model.hasOutput()) {
                throw new IllegalStateException("this model has no output (context) vectors: next-item scoring "
                        + "needs the .context file written beside the vectors");
            }
            float[] input = model.input();
            float[] output = model.output();
            int stride = model.stride();
            for (int j = 0; j < into.length; j++) {
                into[j] = VectorMath.dot(input, query * stride, output, j * stride, dim);
            }
        } else {
            for (int j = 0; j < into.length; j++) {
                into[j] = VectorMath.dot(unitInput, query * dim, unitInput, j * dim, dim);
            }
        }
    }

    /** The k items nearest by cosine to an arbitrary unit vector, among the first {@code limit} items. */
    public List<Neighbour> nearest(float[] unitQuery, int k, int limit, int... excluded) {
        int n = Math.min(limit, model.size());
        float[] scores = new float[n];
        for (int j = 0; j < n; j++) {
            scores[j] = VectorMath.dot(unitQuery, 0, unitInput, j * dim, dim);
        }
        return best(scores, k, excluded);
    }

    /** A copy of an item's unit-length input vector. */
    public float[] unitVector(int item) {
        return Arrays.copyOfRange(unitInput, item * dim, item * dim + dim);
    }

    private List<Neighbour> best(float[] scores, int k, int... excluded) {
        for (int item : excluded) {
            if (item >= 0 && item < scores.length) {
                scores[item] = Float.NEGATIVE_INFINITY;
            }
        }
        int candidates = 0;
        for (float score : scores) {
            candidates += score != Float.NEGATIVE_INFINITY ? 1 : 0;
        }
        TopK top = new TopK(Math.min(k, candidates));
        for (int j = 0; j < scores.length; j++) {
            if (scores[j] != Float.NEGATIVE_INFINITY) {
                top.offer(j, scores[j]);
            }
        }
        return List.of(top.best(model.vocabulary()::token));
    }
}
