package org.item2vec.api.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.SerdeImport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.item2vec.api.config.ApiSettings;
import org.item2vec.api.config.MapSettings;
import org.item2vec.api.map.EmbeddingMap;
import org.item2vec.api.map.EmbeddingMapCache;
import org.item2vec.api.model.ModelRegistry;
import org.item2vec.api.model.ServingStatus;

/**
 * What the map page ({@code GET /}, a static page) draws: the embeddings in two dimensions, and the serving
 * status its live panel polls.
 */
@Controller
@SerdeImport(EmbeddingMap.class)
@SerdeImport(EmbeddingMap.Point.class)
@SerdeImport(ServingStatus.class)
@SerdeImport(ServingStatus.Retrain.class)
public class MapPageController {
    private final ModelRegistry models;
    private final EmbeddingMapCache maps;
    private final MapSettings settings;
    private final Parameters parameters;

    MapPageController(ModelRegistry models, EmbeddingMapCache maps, MapSettings settings, ApiSettings api) {
        this.models = models;
        this.maps = maps;
        this.settings = settings;
        this.parameters = new Parameters(api);
    }

    @Get("/map")
    @Operation(summary = "The items on a plane",
            description = "The most frequent items' unit vectors projected on their first two principal axes, with"
                    + " each item's market and count and the share of the variance each axis explains. Computed"
                    + " once per model version; the live model's map at most every item2vec.api.map.recompute-interval.")
    public EmbeddingMap map(
            @Parameter(description = "how many items, most frequent first (default item2vec.api.map.default-limit)")
            @Nullable @QueryValue String limit,
            @Parameter(description = "a model version; default: the served default") @Nullable @QueryValue String model) {
        int count = parameters.number("limit", limit, settings.defaultLimit(), 1, settings.maxLimit());
        return maps.get(models.model(parameters.model(model)), count);
    }

    @Get("/status")
    @Operation(summary = "Serving at a glance",
            description = "The default model's version, kind and vocabulary size, the live trainer's applied"
                    + " messages per second over the last refreshes, and the newest retrained version served.")
    public ServingStatus status() {
        return ServingStatus.of(models);
    }
}
