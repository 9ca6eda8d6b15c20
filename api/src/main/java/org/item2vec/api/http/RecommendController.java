package org.item2vec.api.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.Locale;
import org.item2vec.api.config.ApiSettings;
import org.item2vec.api.model.Model;
import org.item2vec.api.model.ModelRegistry;
import org.item2vec.api.recommend.Mode;
import org.item2vec.api.recommend.Query;
import org.item2vec.api.recommend.Recommendations;
import org.item2vec.api.recommend.Recommender;

/** {@code GET /recommend}: the items most similar to one item, or most likely to be clicked after it. */
@Controller
public class RecommendController {
    private final ModelRegistry models;
    private final Recommender recommender;
    private final Parameters parameters;
    private final ApiSettings settings;
    private final MeterRegistry meters;

    RecommendController(ModelRegistry models, Recommender recommender, ApiSettings settings, MeterRegistry meters) {
        this.models = models;
        this.recommender = recommender;
        this.parameters = new Parameters(settings);
        this.settings = settings;
        this.meters = meters;
    }

    @Get("/recommend")
    @Operation(summary = "Recommendations for an item",
            description = "The k items nearest to the query item, best first, never the item itself. Results stay in"
                    + " the item's market when its listing names one. An item without an embedding but with a"
                    + " listing is answered from the mean of up to 3 peers (same market, type, price bucket).")
    public Responses.Recommend recommend(
            HttpRequest<?> request,
            @Parameter(description = "the query item id", required = true) @Nullable @QueryValue String item,
            @Parameter(description = "how many items to return (default 10)") @Nullable @QueryValue String k,
            @Parameter(description = "'similar' (cosine of embeddings, default) or 'next' (likely next clicks)")
            @Nullable @QueryValue String mode,
            @Parameter(description = "a market to search, or 'any'; default: the item's own market")
            @Nullable @QueryValue String market,
            @Parameter(description = "comma-separated ids never to return") @Nullable @QueryValue String exclude,
            @Parameter(description = "the user asking, for experiments") @Nullable @QueryValue String user,
            @Parameter(description = "a model version; default: the served default") @Nullable @QueryValue String model) {
        Query query = new Query(parameters.id("item", item),
                parameters.number("k", k, settings.defaultK(), 1, settings.maxK()),
                parameters.mode(mode), parameters.market(market), parameters.ids("exclude", exclude));
        String userId = user == null ? null : parameters.id("user", user);
        Model served = models.model(parameters.model(model));
        Recommendations result = recommender.recommend(served, query);
        meters.counter("item2vec.recommendations", "mode", query.mode().name().toLowerCase(Locale.ROOT),
                "cold_start", Boolean.toString(result.coldStart())).increment();
        return new Responses.Recommend(query.item(), served.version(), RequestIds.of(request),
                query.mode().name().toLowerCase(Locale.ROOT), result.market(), userId, result.coldStart(),
                result.peers(), result.items().stream()
                        .map(n -> new Responses.Recommendation(n.item(), n.score())).toList());
    }
}
