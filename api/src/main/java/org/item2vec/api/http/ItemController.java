package org.item2vec.api.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.item2vec.api.config.ApiSettings;
import org.item2vec.api.model.ItemVectors;
import org.item2vec.api.model.Model;
import org.item2vec.api.model.ModelRegistry;
import org.item2vec.api.recommend.UnknownItemException;
import org.item2vec.learn.vectors.VectorMath;

/** The items a model knows: a list to find ids in, one item's details, and the similarity of two items. */
@Controller
public class ItemController {
    private final ModelRegistry models;
    private final Parameters parameters;
    private final ApiSettings settings;

    ItemController(ModelRegistry models, ApiSettings settings) {
        this.models = models;
        this.parameters = new Parameters(settings);
        this.settings = settings;
    }

    @Get("/items")
    @Operation(summary = "Known items, most frequent first")
    public Responses.Items items(
            @Parameter(description = "how many (default 20)") @Nullable @QueryValue String limit,
            @Parameter(description = "a model version; default: the served default") @Nullable @QueryValue String model) {
        int count = parameters.number("limit", limit, 20, 1, settings.maxItemsLimit());
        Model served = models.model(parameters.model(model));
        return new Responses.Items(served.version(), served.size(), served.mostFrequent(count).stream()
                .map(c -> new Responses.ItemSummary(c.item(), c.count(), served.market(c.item()))).toList());
    }

    @Get("/items/{id}")
    @Operation(summary = "One item: its vectors, listing and count")
    public Responses.Item item(
            @PathVariable String id,
            @Parameter(description = "a model version; default: the served default") @Nullable @QueryValue String model) {
        String item = parameters.id("id", id);
        Model served = models.model(parameters.model(model));
        ItemVectors vectors = served.vectors(item).orElse(null);
        if (vectors == null && served.listing(item).isEmpty()) {
            throw new UnknownItemException("unknown item '" + item + "': it has no embedding and no listing");
        }
        return new Responses.Item(item, served.version(), vectors == null ? 0 : vectors.count(),
                served.listing(item).orElse(null), vectors == null ? null : vectors.input(),
                vectors == null ? null : vectors.output());
    }

    @Get("/similarity")
    @Operation(summary = "How similar two items are")
    public Responses.Similarity similarity(
            @Parameter(description = "an item id", required = true) @Nullable @QueryValue String a,
            @Parameter(description = "another item id", required = true) @Nullable @QueryValue String b,
            @Parameter(description = "a model version; default: the served default") @Nullable @QueryValue String model) {
        String first = parameters.id("a", a);
        String second = parameters.id("b", b);
        Model served = models.model(parameters.model(model));
        ItemVectors x = embedded(served, first);
        ItemVectors y = embedded(served, second);
        int dim = served.dim();
        return new Responses.Similarity(first, second, served.version(), VectorMath.dot(x.unit(), 0, y.unit(), 0, dim),
                VectorMath.dot(x.input(), 0, y.output(), 0, dim));
    }

    private static ItemVectors embedded(Model model, String item) {
        return model.vectors(item).orElseThrow(() -> new UnknownItemException("item '" + item
                + "' has no embedding in model " + model.version()));
    }
}
