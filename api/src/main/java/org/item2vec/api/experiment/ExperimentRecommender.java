package org.item2vec.api.experiment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.item2vec.api.model.Model;
import org.item2vec.api.model.ModelRegistry;
import org.item2vec.api.recommend.Mode;
import org.item2vec.api.recommend.Query;
import org.item2vec.api.recommend.Recommendations;
import org.item2vec.api.recommend.Recommender;
import org.item2vec.experiment.assign.Assignment;
import org.item2vec.experiment.assign.Murmur3;
import org.item2vec.experiment.define.Experiment;
import org.item2vec.experiment.define.ExperimentMode;
import org.item2vec.experiment.define.Strategy;
import org.item2vec.experiment.define.Variant;
import org.item2vec.experiment.events.Impression;
import org.item2vec.experiment.interleave.TeamDraft;
import org.item2vec.learn.vectors.Neighbour;

/**
 * Answers a recommendation request under the experiment that governs it: the one the request names, else the
 * first running one. The user's variant decides the model, strategy, length and ranking of the list (what a
 * variant leaves open, the request decides); in an interleaving experiment the user gets the first two
 * variants' lists merged by team draft. Every list served to a known user under an experiment is handed to
 * the impression sink; a request without a user gets the control and is not counted, since clicks could not
 * be attributed to it.
 */
public final class ExperimentRecommender {
    /** The {@code experiment} value that opts a request out of every experiment. */
    public static final String NONE = "none";

    /**
     * @param model      the model version the request asked for, or {@code null}
     * @param user       the user, or {@code null}
     * @param experiment the experiment the request named, or {@code null}
     */
    public record Request(Query query, String model, String user, String experiment, String requestId) {
    }

    /**
     * @param experiment the governing experiment, or {@code null}
     * @param variant    the user's variant, {@link Impression#INTERLEAVED}, or {@code null}
     * @param teams      for an interleaved list, the variant that contributed each item; empty otherwise
     */
    public record Served(Recommendations result, String modelVersion, Mode mode, String experiment, String variant,
                         List<String> teams) {
    }

    private final ModelRegistry models;
    private final Recommender recommender;
    private final ExperimentCatalog catalog;
    private final Consumer<Impression> impressions;
    private final long interleavingSeed;

    /** @param interleavingSeed seed of the interleaving coins (derived per request id); 0: random */
    public ExperimentRecommender(ModelRegistry models, Recommender recommender, ExperimentCatalog catalog,
                                 Consumer<Impression> impressions, long interleavingSeed) {
        this.models = models;
        this.recommender = recommender;
        this.catalog = catalog;
        this.impressions = impressions;
        this.interleavingSeed = interleavingSeed;
    }

    public Served recommend(Request request) {
        Optional<Experiment> governing = governing(request.experiment());
        if (governing.isEmpty()) {
            Model model = models.model(request.model());
            return new Served(recommender.recommend(model, request.query()), model.version(), request.query().mode(),
                    null, null, List.of());
        }
        Experiment experiment = governing.get();
        Served served = experiment.mode() == ExperimentMode.INTERLEAVING && request.user() != null
                ? interleaved(experiment, request)
                : variant(experiment, Assignment.variant(experiment, request.user()), request);
        if (request.user() != null) {
            impressions.accept(new Impression(request.requestId(), request.user(), experiment.id(), served.variant(),
                    request.query().item(), served.modelVersion(), items(served), served.teams(),
                    System.currentTimeMillis()));
        }
        return served;
    }

    private Optional<Experiment> governing(String requested) {
        if (requested == null) {
            return catalog.firstRunning();
        }
        if (requested.equals(NONE)) {
            return Optional.empty();
        }
        Experiment experiment = catalog.find(requested).orElseThrow(() -> new UnknownExperimentException(requested));
        return experiment.running() ? Optional.of(experiment) : Optional.empty();
    }

    private Served variant(Experiment experiment, Variant variant, Request request) {
        Model model = models.model(variant.model() != null ? variant.model() : request.model());
        Query query = queryOf(variant, request.query());
        return new Served(recommender.recommend(model, query), model.version(), query.mode(), experiment.id(),
                variant.name(), List.of());
    }

    private Served interleaved(Experiment experiment, Request request) {
        Served first = variant(experiment, experiment.variants().get(0), request);
        Served second = variant(experiment, experiment.variants().get(1), request);
        List<TeamDraft.Pick> picks = TeamDraft.merge(items(first), items(second), request.query().k(),
                coin(request.requestId()));
        List<Neighbour> merged = new ArrayList<>(picks.size());
        List<String> teams = new ArrayList<>(picks.size());
        for (TeamDraft.Pick pick : picks) {
            Served team = pick.team() == 0 ? first : second;
            merged.add(team.result().items().stream().filter(n -> n.item().equals(pick.item())).findFirst()
                    .orElseThrow());
            teams.add(team.variant());
        }
        Recommendations result = new Recommendations(first.result().market(), first.result().coldStart(),
                first.result().peers(), merged);
        String version = first.modelVersion().equals(second.modelVersion()) ? first.modelVersion()
                : first.modelVersion() + "+" + second.modelVersion();
        return new Served(result, version, first.mode(), experiment.id(), Impression.INTERLEAVED, teams);
    }

    private static List<String> items(Served served) {
        return served.result().items().stream().map(Neighbour::item).toList();
    }

    /** A fixed seed makes the coins a function of the request id, so a test can replay a request. */
    private RandomGenerator coin(String requestId) {
        if (interleavingSeed == 0) {
            return ThreadLocalRandom.current();
        }
        return new SplittableRandom(interleavingSeed ^ Murmur3.hash32(requestId.getBytes(StandardCharsets.UTF_8), 0));
    }

    /** The request's query as the variant changes it. */
    static Query queryOf(Variant variant, Query request) {
        Mode mode = variant.strategy() == Strategy.POPULARITY ? Mode.POPULAR
                : variant.ranking() != null ? Mode.valueOf(variant.ranking().toUpperCase(Locale.ROOT))
                : request.mode();
        String market = variant.strategy() == Strategy.ANY_MARKET ? Query.ANY_MARKET : request.market();
        int k = variant.k() != null ? variant.k() : request.k();
        return new Query(request.item(), k, mode, market, request.exclude());
    }
}
