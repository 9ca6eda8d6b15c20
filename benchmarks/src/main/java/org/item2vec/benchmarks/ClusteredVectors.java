package org.item2vec.benchmarks;

import java.util.SplittableRandom;

/**
 * Synthetic embeddings shaped like learned ones: items gather around topics, so an item has a few close
 * neighbours and many far ones. Uniformly random vectors would not do: in 32 dimensions they are all about
 * equally far apart, which makes nearest-neighbour search both meaninglessly hard and unlike production.
 */
final class ClusteredVectors {
    /** Topics; with 100,000 items, about 100 per topic, the size of a neighbourhood worth recommending from. */
    static final int CLUSTERS = 1000;
    /**
     * An item's distance from its topic's centre relative to the spread of the centres: small enough that
     * neighbours share a topic, large enough that a topic is not a point. Larger spreads make topics overlap,
     * and nearest neighbours harder to find.
     */
    static final double DEFAULT_SPREAD = 0.5;

    private ClusteredVectors() {
    }

    /** {@code n} row-major vectors of {@code dim}: a random topic's centre plus Gaussian noise of {@code spread}. */
    static float[] generate(int n, int dim, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] centres = gaussian(CLUSTERS, dim, 1.0, random);
        float[] rows = new float[n * dim];
        for (int row = 0; row < n; row++) {
            int centre = random.nextInt(CLUSTERS) * dim;
            for (int i = 0; i < dim; i++) {
                rows[row * dim + i] = centres[centre + i] + (float) (spread * random.nextGaussian());
            }
        }
        return rows;
    }

    /** {@code n} row-major vectors with independent Gaussian coordinates of standard deviation {@code sigma}. */
    static float[] gaussian(int n, int dim, double sigma, SplittableRandom random) {
        float[] rows = new float[n * dim];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) (sigma * random.nextGaussian());
        }
        return rows;
    }
}
