package org.item2vec.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.learn.online.OnlineParams;
import org.item2vec.store.ModelVersions;

/** Models with vectors set by hand, so that tests know the right answers. */
public final class TestModels {
    private final int dim;
    private final Map<String, float[]> vectors = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<Listing> listings = new ArrayList<>();

    public TestModels(int dim) {
        this.dim = dim;
    }

    /** An item with its input and output vectors. */
    public TestModels item(String item, long count, float[] input, float[] output) {
        float[] both = new float[2 * dim];
        System.arraycopy(input, 0, both, 0, dim);
        System.arraycopy(output, 0, both, dim, dim);
        vectors.put(item, both);
        counts.put(item, count);
        return this;
    }

    public TestModels listing(String item, String market, String type, Double price) {
        listings.add(new Listing(item, market, type, price, null, null));
        return this;
    }

    public OnlineParams params() {
        return new OnlineParams(dim, 2, 0.05f, 0.75, 1000, 1 << 10, 1);
    }

    public List<Listing> listings() {
        return listings;
    }

    public OnlineModel build() {
        OnlineModel model = new OnlineModel(params());
        int row = 0;
        for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
            float[] squares = new float[2 * dim];
            java.util.Arrays.fill(squares, 0.1f); // AdaGrad's usual starting accumulator
            model.restoreRow(entry.getKey(), row++, counts.get(entry.getKey()), entry.getValue(), squares);
        }
        model.finishRestore(0);
        return model;
    }

    /** Publishes the model as the next version under {@code versions}; returns its name. */
    public String publish(Path versions) {
        return publish(versions, ModelVersions.Provenance.snapshot(Map.of("source", "test")));
    }

    /** Publishes the model as the next version under {@code versions}, as a full retrain would; returns its name. */
    public String publishRetrain(Path versions) {
        return publish(versions, new ModelVersions.Provenance(ModelVersions.RETRAIN, null, null,
                Map.of("source", "test"), null));
    }

    private String publish(Path versions, ModelVersions.Provenance provenance) {
        return new ModelVersions(versions).publish(build(), Map.of("sessions:0", 42L), listings, 42, provenance)
                .version();
    }

    /** Three items without listings: y is near x and x's likely next click, z is orthogonal to both. */
    public static TestModels trio() {
        return new TestModels(4)
                .item("x", 10, v(1, 0, 0, 0), v(0, 0, 0, 0))
                .item("y", 9, v(0.9f, 0.1f, 0, 0), v(0.5f, 0, 0, 0))
                .item("z", 8, v(0, 1, 0, 0), v(0, 0, 0, 0));
    }

    /**
     * The small marketplace most API tests share: Paris items p1–p4, Rome items r1–r2 (r1 nearer to p1 than any
     * Paris item, so searching every market changes the answer), counts falling from p1 to r2, and listings
     * without embeddings: {@code pnew} in Paris (a cold start) and {@code lonely} in Oslo (no peers).
     */
    public static TestModels marketplace() {
        return new TestModels(4)
                .item("p1", 50, v(1, 0, 0, 0), v(0, 0, 1, 0))
                .item("p2", 40, v(0.9f, 0.1f, 0, 0), v(0.1f, 0, 0, 0))
                .item("p3", 30, v(0.7f, 0.7f, 0, 0), v(0.5f, 0, 0, 0))
                .item("p4", 20, v(0, 1, 0, 0), v(0.9f, 0, 0, 0))
                .item("r1", 45, v(0.99f, 0.01f, 0, 0.05f), v(0, 0, 0, 1))
                .item("r2", 10, v(0, 0, 1, 0), v(0, 1, 0, 0))
                .listing("p1", "paris", "flat", 100.0)
                .listing("p2", "paris", "flat", 101.0)
                .listing("p3", "paris", "flat", 102.0)
                .listing("p4", "paris", "house", 100.0)
                .listing("r1", "rome", "flat", 100.0)
                .listing("r2", "rome", "flat", 100.0)
                .listing("pnew", "paris", "flat", 100.0)
                .listing("lonely", "oslo", "cabin", 80.0);
    }

    /**
     * A bigger marketplace, generated: {@code perMarket} items in each of Lisbon, Oslo and Rome, named
     * {@code lisbon-000}…, whose 8-dimensional vectors scatter around one direction per market, so that items
     * of one market are each other's nearest neighbours. Counts fall from the first item to the last.
     */
    public static TestModels clusteredMarketplace(int perMarket, long seed) {
        int dim = 8;
        List<String> markets = List.of("lisbon", "oslo", "rome");
        SplittableRandom random = new SplittableRandom(seed);
        TestModels models = new TestModels(dim);
        long count = 10L * markets.size() * perMarket;
        for (int i = 0; i < perMarket; i++) {
            for (int m = 0; m < markets.size(); m++) {
                float[] input = new float[dim];
                float[] output = new float[dim];
                for (int d = 0; d < dim; d++) {
                    input[d] = (float) (0.2 * random.nextGaussian());
                    output[d] = (float) (0.1 * random.nextGaussian());
                }
                input[2 * m] += 1;
                input[2 * m + 1] += 0.5f;
                String item = String.format("%s-%03d", markets.get(m), i);
                models.item(item, count--, input, output).listing(item, markets.get(m), "flat", 100.0);
            }
        }
        return models;
    }

    public static float[] v(float... values) {
        return values;
    }
}
