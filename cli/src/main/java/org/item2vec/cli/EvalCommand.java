package org.item2vec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.learn.eval.Accuracy;
import org.item2vec.learn.eval.AccuracyTable;
import org.item2vec.learn.eval.AnalogyEvaluation;
import org.item2vec.learn.eval.CooccurrenceScorer;
import org.item2vec.learn.eval.ItemKnnScorer;
import org.item2vec.learn.eval.PopularityScorer;
import org.item2vec.learn.eval.Protocol;
import org.item2vec.learn.eval.ProtocolEvaluation;
import org.item2vec.learn.eval.SequentialRulesScorer;
import org.item2vec.learn.eval.SessionScorer;
import org.item2vec.learn.eval.TimedSessions;
import org.item2vec.learn.eval.VsknnScorer;
import org.item2vec.learn.rank.SessionRanker;
import org.item2vec.learn.rank.SessionScoring;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vectors.SimilaritySearch;
import org.item2vec.learn.vectors.SimilaritySearch.Scoring;
import org.item2vec.learn.vectors.Word2VecFormat;

/**
 * {@code item2vec eval}: word-analogy accuracy, and next-click HitRate@K / MRR@K on held-out sessions under
 * the one-item and the session protocol, for the model's scorings next to the baselines computed on the same
 * split.
 */
final class EvalCommand implements Command {
    static final String VECTORS = "--vectors";
    static final String ANALOGIES = "--analogies";
    static final String RESTRICT = "--restrict";
    static final String TRAIN = "--train";
    static final String TEST = "--test";
    static final String K = "--k";
    static final String PROTOCOL = "--protocol";
    static final String SCORERS = "--scorers";
    static final String JSON = "--json";
    static final String COOCCURRENCE_WINDOW = "--cooccurrence-window";
    static final String VSKNN_K = "--vsknn-k";
    static final String VSKNN_SAMPLE = "--vsknn-sample";
    static final String RECENCY_DECAY = "--recency-decay";
    static final String RULES_WEIGHT = "--rules-weight";
    static final String PRIOR_EXPONENT = "--prior-exponent";
    static final String RULES_STEPS = "--rules-steps";
    static final String MAX_CLICKS = "--max-clicks";

    /** Every scorer, in the order of the table. */
    enum Scorer {
        POPULARITY("popularity", false),
        COOCCURRENCE("co-occurrence", false),
        ITEM_KNN("item-knn", false),
        SR("sr", false),
        VSKNN("v-sknn", false),
        COSINE("cosine", false),
        IN_OUT("in-out", true),
        SESSION("session", true);

        final String label;
        final boolean needsOutput;

        Scorer(String label, boolean needsOutput) {
            this.label = label;
            this.needsOutput = needsOutput;
        }

        static Scorer parse(String label) {
            return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst()
                    .orElseThrow(() -> new UsageException("unknown scorer '" + label + "'; known: " + labels()));
        }

        static String labels() {
            return String.join(",", Arrays.stream(values()).map(s -> s.label).toList());
        }
    }

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "evaluate vectors: word analogies, or next-click HitRate@K/MRR@K against baselines";
    }

    @Override
    public List<Option> options() {
        SessionScoring d = SessionScoring.DEFAULT;
        return List.of(
                Option.of(VECTORS, "FILE", null, "vectors in word2vec format; the .context twin enables next-item scoring"),
                Option.of(ANALOGIES, "FILE", null, "questions-words file for analogy accuracy"),
                Option.of(RESTRICT, "N", "30000", "analogies: only the N most frequent words take part"),
                Option.of(TRAIN, "FILE", null, "training sessions or click log (for the baselines and 'session')"),
                Option.of(TEST, "FILE", null, "held-out sessions or click log: next-click evaluation"),
                Option.of(K, "N[,N...]", "10,20", "cut-offs of HitRate@K and MRR@K", "-k"),
                Option.of(PROTOCOL, "one-item|session|both", "both",
                        "one-item: each pair from its first item; session: every click from all clicks before it"),
                Option.of(SCORERS, "LIST", Scorer.labels(), "scorers to evaluate, comma-separated"),
                Option.flag(JSON, "print the figures as JSON instead of a table"),
                Option.of(COOCCURRENCE_WINDOW, "N", "5", "window of the co-occurrence baseline"),
                Option.of(VSKNN_K, "N", String.valueOf(VsknnScorer.DEFAULT_K), "v-sknn: neighbour sessions"),
                Option.of(VSKNN_SAMPLE, "N", String.valueOf(VsknnScorer.DEFAULT_SAMPLE_SIZE),
                        "v-sknn: most recent candidate sessions compared"),
                Option.of(RECENCY_DECAY, "X", String.valueOf(d.recencyDecay()),
                        "session: weight of a click relative to the next one"),
                Option.of(RULES_WEIGHT, "X", String.valueOf(d.rulesWeight()),
                        "session: share of follower counts against the vectors' scores"),
                Option.of(PRIOR_EXPONENT, "X", String.valueOf(d.priorExponent()),
                        "session: item prior put back into input·output scores (the training noise exponent)"),
                Option.of(RULES_STEPS, "N", String.valueOf(d.steps()), "session: clicks ahead counted as followers"),
                Option.of(MAX_CLICKS, "N", String.valueOf(d.maxClicks()), "session: most recent clicks looked at"),
                Option.of(TrainingOptions.SESSION_GAP, "N", String.valueOf(SessionRules.DEFAULT_INACTIVITY_GAP.toMinutes()),
                        "click logs: a pause longer than this starts a new session"),
                Option.of(TrainingOptions.COLLAPSE_REPEATS, "true|false", "false",
                        "click logs: count an item clicked again right after itself once"),
                Option.of(TrainingOptions.INPUT_FORMAT, "sessions|clicks", null,
                        "format of --train and --test (default: from the file names)"));
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        if (!args.has(ANALOGIES) && !args.has(TEST)) {
            throw new UsageException("give " + ANALOGIES + " FILE, or " + TEST + " FILE (with " + TRAIN
                    + " FILE for the baselines), or both");
        }
        int restrict = args.integer(RESTRICT, 1, Integer.MAX_VALUE);
        int[] cutOffs = cutOffs(args.required(K));
        List<Protocol> protocols = protocols(args.required(PROTOCOL));
        List<Scorer> scorers = Arrays.stream(args.required(SCORERS).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(Scorer::parse).distinct().toList();
        SessionScoring scoring = sessionScoring(args);
        Embeddings model = Word2VecFormat.readModel(args.requiredPath(VECTORS));
        if (args.has(ANALOGIES)) {
            out.println(AnalogyEvaluation.evaluate(model, args.requiredPath(ANALOGIES), restrict).format());
        }
        if (args.has(TEST)) {
            List<Accuracy> results = evaluateNextClick(args, model, scoring, scorers, protocols, cutOffs, err);
            if (args.bool(JSON)) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(Map.of("results", results.stream().map(Accuracy::figures).toList())));
            } else {
                out.print(AccuracyTable.format(results));
            }
        }
        return 0;
    }

    /** Next-click HitRate@K / MRR@K of {@code scorers} on {@code --test}; the baselines need {@code --train}. */
    static List<Accuracy> evaluateNextClick(Arguments args, Embeddings model, SessionScoring scoring,
                                            List<Scorer> scorers, List<Protocol> protocols, int[] cutOffs,
                                            PrintStream err)
            throws IOException {
        int items = model.size();
        TimedSessions test = sessions(args, TEST, model, err);
        TimedSessions train = args.has(TRAIN) ? sessions(args, TRAIN, model, err) : null;
        Map<Scorer, Supplier<SessionScorer>> available = new LinkedHashMap<>();
        if (train != null) {
            int window = args.integer(COOCCURRENCE_WINDOW, 1, 1_000);
            available.put(Scorer.POPULARITY, () -> SessionScorer.lastItem(new PopularityScorer(train.sessions(), items)));
            available.put(Scorer.COOCCURRENCE,
                    () -> SessionScorer.lastItem(new CooccurrenceScorer(train.sessions(), items, window)));
            available.put(Scorer.ITEM_KNN, () -> SessionScorer.lastItem(new ItemKnnScorer(train.sessions(), items)));
            available.put(Scorer.SR, () -> SessionScorer.lastItem(new SequentialRulesScorer(train.sessions(), items)));
            available.put(Scorer.VSKNN, () -> new VsknnScorer(train, items, args.integer(VSKNN_K, 1, 100_000),
                    args.integer(VSKNN_SAMPLE, 1, 100_000_000)));
        }
        SimilaritySearch search = new SimilaritySearch(model);
        available.put(Scorer.COSINE, () -> SessionScorer.lastItem((query, into) -> search.scores(query, Scoring.SIMILAR, into)));
        if (model.hasOutput()) {
            available.put(Scorer.IN_OUT, () -> SessionScorer.lastItem((query, into) -> search.scores(query, Scoring.NEXT, into)));
            if (train != null) {
                available.put(Scorer.SESSION, () -> new SessionRanker(model, train.sessions(), scoring));
            }
        }
        List<ProtocolEvaluation> evaluations = protocols.stream()
                .map(protocol -> new ProtocolEvaluation(protocol, test.sessions(), items)).toList();
        if (evaluations.stream().allMatch(evaluation -> evaluation.size() == evaluation.unknown())) {
            Path path = args.requiredPath(TEST);
            throw new IllegalArgumentException(path + " has no next click between items the model knows (read as "
                    + TrainingOptions.inputFormat(args, path).name().toLowerCase(Locale.ROOT) + "; is "
                    + TrainingOptions.INPUT_FORMAT + " right?)");
        }
        List<Accuracy> results = new ArrayList<>();
        for (Scorer scorer : scorers) {
            Supplier<SessionScorer> built = available.get(scorer);
            if (built == null) {
                err.println("skipping '" + scorer.label + "': it needs "
                        + (scorer.needsOutput && !model.hasOutput() ? "the .context vectors beside " + VECTORS
                        : TRAIN + " FILE"));
                continue;
            }
            SessionScorer instance = built.get();
            for (ProtocolEvaluation evaluation : evaluations) {
                results.add(evaluation.evaluate(scorer.label, instance, cutOffs));
            }
        }
        results.sort((a, b) -> a.protocol().compareTo(b.protocol()));
        return results;
    }

    private static SessionScoring sessionScoring(Arguments args) {
        try {
            return new SessionScoring(args.decimal(RECENCY_DECAY, 0, 1), args.decimal(RULES_WEIGHT, 0, 1),
                    args.decimal(PRIOR_EXPONENT, 0, 2), args.integer(RULES_STEPS, 1, 1_000),
                    args.integer(MAX_CLICKS, 1, 1_000), SessionScoring.DEFAULT.skipWeight());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int[] cutOffs(String text) {
        try {
            int[] cutOffs = Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt)
                    .distinct().sorted().toArray();
            if (cutOffs.length == 0 || cutOffs[0] < 1 || cutOffs[cutOffs.length - 1] > 100_000) {
                throw new NumberFormatException();
            }
            return cutOffs;
        } catch (NumberFormatException e) {
            throw new UsageException(K + " must be whole numbers from 1 to 100000, comma-separated, got '" + text + "'");
        }
    }

    private static List<Protocol> protocols(String text) {
        return switch (text) {
            case "both" -> List.of(Protocol.ONE_ITEM, Protocol.SESSION);
            case "one-item" -> List.of(Protocol.ONE_ITEM);
            case "session" -> List.of(Protocol.SESSION);
            default -> throw new UsageException(PROTOCOL + " must be one-item, session or both, got '" + text + "'");
        };
    }

    private static TimedSessions sessions(Arguments args, String option, Embeddings model, PrintStream err)
            throws IOException {
        Path path = args.requiredPath(option);
        TimedSessions sessions = TimedSessions.read(path, TrainingOptions.inputFormat(args, path),
                TrainingOptions.sessionRules(args), model.vocabulary());
        if (!sessions.problems().isEmpty()) {
            err.println("warning: " + path + ": " + sessions.problems().summary());
        }
        return sessions;
    }
}
