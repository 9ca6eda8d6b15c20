package org.item2vec.api.index;

import com.github.jelmerk.hnswlib.core.DistanceFunction;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.NullProgressListener;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.util.ArrayList;
import java.util.List;
import org.item2vec.learn.vectors.VectorMath;

/**
 * An approximate nearest-neighbour index (HNSW, from hnswlib) over unit vectors, by cosine: what makes a
 * query over a large catalogue cost about log(n) distance computations instead of n.
 */
public final class AnnIndex {
    private final HnswIndex<Integer, float[], Row, Float> index;

    /** HNSW's knobs: links per node, and the candidate list sizes while building and searching. */
    public record Params(int m, int efConstruction, int ef) {
        public static final Params DEFAULT = new Params(16, 100, 100);
    }

    /** A scored row of the table the index was built over. */
    public record Hit(int row, float similarity) {
    }

    /** An indexed vector: the row it came from, and that row's unit vector. */
    record Row(int row, float[] vector) implements Item<Integer, float[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer id() {
            return row;
        }

        @Override
        public int dimensions() {
            return vector.length;
        }
    }

    /** 1 − cosine of unit vectors, with the SIMD dot product the exact search uses. */
    private static final class CosineDistance implements DistanceFunction<float[], Float> {
        private static final long serialVersionUID = 1L;

        @Override
        public Float distance(float[] u, float[] v) {
            return 1 - VectorMath.dot(u, 0, v, 0, u.length);
        }
    }

    private AnnIndex(HnswIndex<Integer, float[], Row, Float> index) {
        this.index = index;
    }

    /**
     * Indexes the given rows of a row-major matrix of unit vectors, inserting from {@code threads} threads.
     */
    public static AnnIndex build(float[] unit, int dim, int[] rows, Params params, int threads) {
        HnswIndex<Integer, float[], Row, Float> index = HnswIndex
                .newBuilder(dim, new CosineDistance(), Math.max(1, rows.length))
                .withM(params.m()).withEfConstruction(params.efConstruction()).withEf(params.ef())
                .build();
        List<Row> items = new ArrayList<>(rows.length);
        for (int row : rows) {
            float[] vector = new float[dim];
            System.arraycopy(unit, row * dim, vector, 0, dim);
            items.add(new Row(row, vector));
        }
        try {
            index.addAll(items, threads, NullProgressListener.INSTANCE, Integer.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the index", e);
        }
        return new AnnIndex(index);
    }

    public int size() {
        return index.size();
    }

    /** About the {@code k} rows most similar to a unit vector, best first. */
    public List<Hit> nearest(float[] unitQuery, int k) {
        List<SearchResult<Row, Float>> results = index.findNearest(unitQuery, k);
        List<Hit> hits = new ArrayList<>(results.size());
        for (SearchResult<Row, Float> result : results) {
            hits.add(new Hit(result.item().row(), 1 - result.distance()));
        }
        return hits;
    }
}
