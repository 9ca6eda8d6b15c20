package org.item2vec.api.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.item2vec.api.config.ApiSettings;
import org.item2vec.api.experiment.ExperimentRecommender;
import org.item2vec.api.recommend.Query;
import org.item2vec.api.recommend.Recommendations;
import org.item2vec.learn.vectors.Neighbour;

/**
 * {@code GET /recommend}: the items most similar to one item, or most likely to be clicked after it, made the
 * way the user's experiment variant says.
 */
@Controller
public class RecommendController {
    private final ExperimentRecommender recommender;
    private final Parameters parameters;
    private final ApiSettings settings;
    private final MeterRegistry meters;

    RecommendController(ExperimentRecommender recommender, ApiSettings settings, MeterRegistry meters) {
        this.recommender = recommender;
        this.parameters = new Parameters(settings);
        this.settings = settings;
        this.meters = meters;
    }

    @Get("/recommend")
    @Operation(summary = "Recommendations for an item",
            description = "The k items nearest to the query item, best first, never the item itself. Results stay in"
                    + " the item's market when its listing names one. An item without an embedding but with a"
                    + " listing is answered from the mean of up to 3 peers (same market, type, price bucket)."
                    + " Under an experiment, the user's variant decides how the list is made.")
    public Responses.Recommend recommend(
            HttpRequest<?> request,
            @Parameter(description = "the query item id", required = true) @Nullable @QueryValue String item,
            @Parameter(description = "how many items to return (default 10)") @Nullable @QueryValue String k,
            @Parameter(description = "'similar' (cosine of embeddings, default), 'next' (likely next clicks) or"
                    + " 'popular' (the market's most clicked items)")
            @Nullable @QueryValue String mode,
            @Parameter(description = "a market to search, or 'any'; default: the item's own market")
            @Nullable @QueryValue String market,
            @Parameter(description = "comma-separated ids never to return") @Nullable @QueryValue String exclude,
            @Parameter(description = "the user asking: decides the variant of an experiment, and lets clicks be"
                    + " attributed to the list") @Nullable @QueryValue String user,
            @Parameter(description = "a model version; default: the served default") @Nullable @QueryValue String model,
            @Parameter(description = "the experiment to serve under; default: the first running one; 'none': no"
                    + " experiment") @Nullable @QueryValue String experiment) {
        Query query = new Query(parameters.id("item", item),
                parameters.number("k", k, settings.defaultK(), 1, settings.maxK()),
                parameters.mode(mode), parameters.market(market), parameters.ids("exclude", exclude));
        String userId = user == null ? null : parameters.id("user", user);
        String requestId = RequestIds.of(request);
        ExperimentRecommender.Served served = recommender.recommend(new ExperimentRecommender.Request(query,
                parameters.model(model), userId, experiment == null ? null : parameters.id("experiment", experiment),
                requestId));
        Recommendations result = served.result();
        String modeName = served.mode().name().toLowerCase(Locale.ROOT);
        meters.counter("item2vec.recommendations", "mode", modeName,
                "cold_start", Boolean.toString(result.coldStart())).increment();
        List<Responses.Recommendation> items = new ArrayList<>(result.items().size());
        for (int i = 0; i < result.items().size(); i++) {
            Neighbour n = result.items().get(i);
            items.add(new Responses.Recommendation(n.item(), n.score(),
                    served.teams().isEmpty() ? null : served.teams().get(i)));
        }
        return new Responses.Recommend(query.item(), served.modelVersion(), requestId, modeName, result.market(),
                userId, served.experiment(), served.variant(), result.coldStart(), result.peers(), items);
    }
}
