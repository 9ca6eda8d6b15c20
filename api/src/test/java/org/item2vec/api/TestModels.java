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

    public static float[] v(float... values) {
        return values;
    }
}
