package org.item2vec.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.learn.online.OnlineParams;
import org.item2vec.store.ModelVersions;

/**
 * A marketplace made up for load tests: clustered item vectors, and a listing for every item in markets of
 * Zipf-like sizes (market r holds a share proportional to 1/r), as cities are. With the defaults the largest
 * market is above the API's HNSW threshold and the rest are searched exactly, so requests exercise both.
 */
final class SyntheticCatalogue {
    private static final String[] TYPES = {"apartment", "house", "room"};
    private static final long SEED = 42;

    private final int dim;
    private final float[] input;
    private final float[] output;
    private final int[] marketSizes;

    private SyntheticCatalogue(int dim, float[] input, float[] output, int[] marketSizes) {
        this.dim = dim;
        this.input = input;
        this.output = output;
        this.marketSizes = marketSizes;
    }

    static SyntheticCatalogue generate(int items, int dim, int markets) {
        return new SyntheticCatalogue(dim, ClusteredVectors.generate(items, dim, ClusteredVectors.DEFAULT_SPREAD, SEED),
                ClusteredVectors.gaussian(items, dim, 1.0, new SplittableRandom(SEED + 1)),
                zipfSizes(items, markets));
    }

    /** Generates a catalogue and publishes it under {@code dataDir/versions}, where the API looks; says so on stdout. */
    static void publishInto(Path dataDir, int items, int dim, int markets) {
        long started = System.nanoTime();
        SyntheticCatalogue catalogue = generate(items, dim, markets);
        String version = catalogue.publish(dataDir.resolve("versions"));
        int[] sizes = catalogue.marketSizes;
        System.out.printf("published %s: %,d items of dim %d in %d markets (largest %,d, smallest %,d) under %s"
                        + " in %.1f s%n", version, items, dim, markets, Arrays.stream(sizes).max().orElse(0),
                Arrays.stream(sizes).min().orElse(0), dataDir, (System.nanoTime() - started) / 1e9);
    }

    /** Item ids depend only on the item count, so that a load generator can name items it did not create. */
    static String itemId(int index) {
        return "item" + index;
    }

    static String marketName(int rank) {
        return "m" + rank;
    }

    /** Sizes proportional to 1/rank that add up to {@code items}; the rounding remainder goes to the largest. */
    static int[] zipfSizes(int items, int markets) {
        double harmonic = 0;
        for (int rank = 1; rank <= markets; rank++) {
            harmonic += 1.0 / rank;
        }
        int[] sizes = new int[markets];
        for (int rank = 1; rank <= markets; rank++) {
            sizes[rank - 1] = (int) (items / (rank * harmonic));
        }
        sizes[0] += items - Arrays.stream(sizes).sum();
        return sizes;
    }

    int size() {
        return input.length / dim;
    }

    /** Writes the catalogue as the next model version under {@code versionsDir}; returns its name. */
    String publish(Path versionsDir) {
        OnlineModel model = new OnlineModel(new OnlineParams(dim, 5, 0.05f, 0.75, size(), 1 << 16, SEED));
        float[] vectors = new float[2 * dim];
        float[] squares = new float[2 * dim];
        Arrays.fill(squares, 0.1f); // AdaGrad's starting accumulator, as if freshly trained
        for (int row = 0; row < size(); row++) {
            System.arraycopy(input, row * dim, vectors, 0, dim);
            System.arraycopy(output, row * dim, vectors, dim, dim);
            model.restoreRow(itemId(row), row, 1 + row % 100, vectors, squares);
        }
        model.finishRestore(0);
        return new ModelVersions(versionsDir).publish(model, Map.of(), listings(), 0,
                Map.of("source", "synthetic benchmark catalogue")).version();
    }

    /** Markets in consecutive item ranges (the vectors are random, so that mixes topics within markets). */
    private List<Listing> listings() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        List<Listing> listings = new ArrayList<>(size());
        int row = 0;
        for (int market = 0; market < marketSizes.length; market++) {
            for (int i = 0; i < marketSizes[market]; i++, row++) {
                double price = Math.round(Math.exp(4 + random.nextGaussian() * 0.6)); // log-normal, median 55
                listings.add(new Listing(itemId(row), marketName(market + 1), TYPES[random.nextInt(TYPES.length)],
                        price, null, null));
            }
        }
        return listings;
    }
}
