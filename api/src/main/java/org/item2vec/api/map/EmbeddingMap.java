package org.item2vec.api.map;

import java.util.ArrayList;
import java.util.List;
import org.item2vec.api.model.Model;

/**
 * A model's most frequent items laid out in two dimensions: their unit vectors (the cosine geometry that
 * recommendations use) projected onto the first two principal axes. Items that the model finds similar land
 * near each other, as far as two axes can show it; {@code explainedVariance} says how far that is.
 *
 * @param modelVersion      the model the map was drawn from
 * @param items             most frequent first
 * @param explainedVariance the share of the vectors' variance along each of the two axes
 */
public record EmbeddingMap(String modelVersion, List<Point> items, double[] explainedVariance) {
    /** How many axes a map has. */
    public static final int AXES = 2;

    /** @param market the item's market, or {@code null} when no listing names one */
    public record Point(String item, float x, float y, String market, long count) {
    }

    /** The map of a model's {@code limit} most frequent items. */
    public static EmbeddingMap of(Model model, int limit) {
        List<Model.ItemCount> items = model.mostFrequent(limit);
        int dim = model.dim();
        int n = items.size();
        float[] rows = new float[n * dim];
        for (int i = 0; i < n; i++) {
            float[] unit = model.vectors(items.get(i).item()).orElseThrow().unit();
            System.arraycopy(unit, 0, rows, i * dim, dim);
        }
        // A model of one dimension has only one axis: its items lie on the x axis.
        int axes = Math.min(AXES, dim);
        Pca.Result pca = Pca.fit(rows, n, dim, axes);
        List<Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Model.ItemCount item = items.get(i);
            float x = (float) pca.project(rows, i, 0);
            float y = axes > 1 ? (float) pca.project(rows, i, 1) : 0;
            points.add(new Point(item.item(), x, y, model.market(item.item()), item.count()));
        }
        return new EmbeddingMap(model.version(), List.copyOf(points), pca.explainedVariance());
    }
}
