package org.item2vec.trainer.tune;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.item2vec.learn.corpus.Corpus;
import org.item2vec.learn.corpus.CorpusBuilder;
import org.item2vec.learn.eval.NextItemEvaluation;
import org.item2vec.events.sessions.Session;
import org.item2vec.learn.sgns.SgnsTrainer;
import org.item2vec.learn.sgns.TrainingConfig;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vectors.SimilaritySearch;
import org.item2vec.learn.vectors.SimilaritySearch.Scoring;

/**
 * Searches the hyperparameters that matter for recommendation (Caselles-Dupré et al., RecSys 2018: the noise
 * exponent from −1 to +1, the window, negatives, epochs, dimension) on a time-based held-out split, within
 * a time budget. Coordinate search: starting from a configuration, each knob in turn is tried at every value
 * of its grid with the others at their best so far, and the best is kept; rounds repeat until one changes
 * nothing or the budget is spent. Each model is scored by next-item HitRate@K and MRR@K with input·output
 * scoring on the held-out sessions.
 */
public final class Tuner {
    /** What the search maximises. */
    public enum Metric { HIT_RATE, MRR }

    /** One hyperparameter and the values tried. */
    record Knob(String name, double[] grid, BiFunction<TrainingConfig.Builder, Double, TrainingConfig.Builder> set,
                ToDoubleFunction<TrainingConfig> get) {
    }

    static final List<Knob> KNOBS = List.of(
            new Knob("noise exponent", new double[] {-1, -0.5, 0, 0.25, 0.5, 0.75, 1},
                    TrainingConfig.Builder::noiseExponent, TrainingConfig::noiseExponent),
            new Knob("window", new double[] {2, 3, 5, 8, 12},
                    (b, v) -> b.window(v.intValue()), TrainingConfig::window),
            new Knob("negative", new double[] {5, 10, 20, 40},
                    (b, v) -> b.negative(v.intValue()), TrainingConfig::negative),
            new Knob("epochs", new double[] {5, 10, 20, 30, 50},
                    (b, v) -> b.epochs(v.intValue()), TrainingConfig::epochs),
            new Knob("dim", new double[] {16, 32, 64, 128},
                    (b, v) -> b.dim(v.intValue()), TrainingConfig::dim));

    /** One configuration trained and scored. */
    public record Trial(TrainingConfig config, double hitRate, double mrr, Duration took) {
        double score(Metric metric) {
            return metric == Metric.HIT_RATE ? hitRate : mrr;
        }
    }

    /** The search's result: the best trial, every trial in order, and whether the budget ended the search. */
    public record Outcome(Trial best, List<Trial> trials, boolean budgetSpent) {
    }

    private final Corpus training;
    private final List<Session> heldOut;
    private final int k;
    private final Metric metric;
    private final Duration budget;
    private final Consumer<String> progress;
    private final Set<TrainingConfig> tried = new HashSet<>();
    private final List<Trial> trials = new ArrayList<>();
    private double secondsPerUnit;
    private long startNanos;

    public Tuner(TimeSplit split, int k, Metric metric, Duration budget, Consumer<String> progress) {
        CorpusBuilder builder = new CorpusBuilder();
        split.training().forEach(session -> builder.addSession(session.items(), session.booked()));
        this.training = builder.build(1);
        this.heldOut = split.heldOut();
        this.k = k;
        this.metric = metric;
        this.budget = budget;
        this.progress = progress;
    }

    public Corpus training() {
        return training;
    }

    /** Searches from {@code start}; every trial uses its threads, seed, sample and minimum count. */
    public Outcome search(TrainingConfig start) throws InterruptedException {
        startNanos = System.nanoTime();
        Trial best = trial(start);
        boolean improved = true;
        while (improved && best != null) {
            improved = false;
            for (Knob knob : KNOBS) {
                for (double value : knob.grid()) {
                    TrainingConfig candidate = knob.set().apply(best.config().toBuilder(), value).build();
                    if (tried.contains(candidate)) {
                        continue;
                    }
                    if (!affordable(candidate)) {
                        return finish(best, true);
                    }
                    Trial trial = trial(candidate);
                    if (trial.score(metric) > best.score(metric)) {
                        best = trial;
                        improved = true;
                    }
                }
            }
        }
        return finish(best, false);
    }

    private Outcome finish(Trial best, boolean budgetSpent) {
        progress.accept(String.format(Locale.ROOT, "tune: %d trials in %s%s", trials.size(), clock(elapsed()),
                budgetSpent ? " (budget spent)" : " (no knob improves the best)"));
        return new Outcome(best, List.copyOf(trials), budgetSpent);
    }

    private Trial trial(TrainingConfig config) throws InterruptedException {
        tried.add(config);
        long start = System.nanoTime();
        Embeddings model = new SgnsTrainer(config).train(training).embeddings();
        NextItemEvaluation.Result result = evaluate(model);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        secondsPerUnit = Math.max(secondsPerUnit, took.toNanos() / 1e9 / cost(config));
        Trial trial = new Trial(config, result.hitRate(), result.mrr(), took);
        trials.add(trial);
        double best = trials.stream().mapToDouble(t -> t.score(metric)).max().orElse(0);
        progress.accept(String.format(Locale.ROOT,
                "[%s / %s] trial %d: dim %d, window %d, negative %d, noise exponent %s, epochs %d -> HR@%d %.4f"
                        + "  MRR@%d %.4f  (%.1f s; best %s %.4f)",
                clock(elapsed()), clock(budget), trials.size(), config.dim(), config.window(), config.negative(),
                trimmed(config.noiseExponent()), config.epochs(), k, trial.hitRate(), k, trial.mrr(),
                took.toMillis() / 1000.0, metric == Metric.HIT_RATE ? "HR" : "MRR", best));
        return trial;
    }

    private NextItemEvaluation.Result evaluate(Embeddings model) {
        CorpusBuilder builder = new CorpusBuilder();
        heldOut.forEach(session -> builder.addSession(session.items(), session.booked()));
        NextItemEvaluation evaluation = new NextItemEvaluation(
                NextItemEvaluation.sessionsIn(builder.build(1), model.vocabulary()), model.size());
        SimilaritySearch search = new SimilaritySearch(model);
        return evaluation.evaluate("next", (query, into) -> search.scores(query, Scoring.NEXT, into), k);
    }

    /** Whether a trial, estimated from the slowest rate seen so far, still ends within the budget. */
    private boolean affordable(TrainingConfig config) {
        double remaining = (budget.toNanos() - elapsed().toNanos()) / 1e9;
        return secondsPerUnit * cost(config) <= remaining;
    }

    /** Training work grows with epochs, pairs per item (window), samples per pair and vector size. */
    private static double cost(TrainingConfig config) {
        return (double) config.epochs() * config.window() * (config.negative() + 1) * Math.max(16, config.dim());
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** A number as a command line or a log line writes it: no ".0" on whole numbers. */
    public static String trimmed(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
