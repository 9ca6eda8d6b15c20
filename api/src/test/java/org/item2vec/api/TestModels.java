package org.item2vec.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.item2vec.trainer.online.Listing;
import org.item2vec.trainer.online.OnlineModel;
import org.item2vec.trainer.online.OnlineParams;
import org.item2vec.trainer.store.ModelVersions;

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
        return new ModelVersions(versions).publish(build(), Map.of("sessions:0", 42L), listings, 42,
                Map.of("source", "test")).version();
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

    public static float[] v(float... values) {
        return values;
    }
}
