package org.item2vec.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.item2vec.events.sessions.Session;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.learn.corpus.ClickLogReader;
import org.item2vec.learn.eval.AccuracyTable;
import org.item2vec.learn.eval.Protocol;
import org.item2vec.learn.online.IncrementalTraining;
import org.item2vec.learn.online.ListingCatalog;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.learn.online.OnlineParams;
import org.item2vec.learn.online.SessionReplay;
import org.item2vec.learn.rank.SessionScoring;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vectors.Word2VecFormat;

/**
 * {@code item2vec replay}: learns a click log the live trainer's way (one update per click, in time order,
 * through the same incremental training code, without a broker) and evaluates the live model's next-item
 * HitRate@K / MRR@K on held-out sessions next to the baselines, as {@code eval} does for batch vectors.
 */
final class ReplayCommand implements Command {
    static final String CONTEXT = "--update-context";
    static final String LEARNING_RATE = "--learning-rate";
    static final String REPLAYS = "--replays";
    static final String MEMORY = "--memory";
    static final String OUTPUT = "--output";

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String summary() {
        return "learn a click log as the live trainer would (no broker) and evaluate the live model";
    }

    @Override
    public List<Option> options() {
        OnlineParams d = OnlineParams.DEFAULT;
        return List.of(
                Option.of(EvalCommand.TRAIN, "FILE", null, "click log replayed in time order (and the baselines' data)"),
                Option.of(EvalCommand.TEST, "FILE", null, "held-out sessions or click log: next-item evaluation"),
                Option.of(CONTEXT, "N", "5", "items before a click in its update (the streaming service's update-context)"),
                Option.of(TrainingOptions.DIM, "N", String.valueOf(d.dim()), "vector size"),
                Option.of(TrainingOptions.NEGATIVE, "N", String.valueOf(d.negative()), "negative samples per pair"),
                Option.of(LEARNING_RATE, "X", String.valueOf(d.learningRate()), "AdaGrad's base rate"),
                Option.of(TrainingOptions.NOISE_EXPONENT, "X", String.valueOf(d.noiseExponent()),
                        "noise distribution is counts^X"),
                Option.of(REPLAYS, "N", String.valueOf(d.replays()),
                        "remembered sessions learned again per finished session"),
                Option.of(MEMORY, "N", String.valueOf(d.memory()), "recent sessions remembered for replay"),
                Option.of(TrainingOptions.SEED, "N", String.valueOf(d.seed()), "random seed"),
                Option.of(TrainingOptions.SESSION_GAP, "N",
                        String.valueOf(SessionRules.DEFAULT_INACTIVITY_GAP.toMinutes()),
                        "inactivity that starts a new session"),
                Option.of(TrainingOptions.COLLAPSE_REPEATS, "true|false", "true",
                        "an item clicked again right after itself counts once"),
                Option.of(OUTPUT, "FILE", null, "also write the live model's vectors (word2vec format)"),
                Option.of(EvalCommand.K, "N", "20", "cut-off of HitRate@K and MRR@K", "-k"),
                Option.of(EvalCommand.COOCCURRENCE_WINDOW, "N", "5", "window of the co-occurrence baseline"),
                Option.of(TrainingOptions.INPUT_FORMAT, "sessions|clicks", null,
                        "format of --test (default: from the file name)"));
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Path train = args.requiredPath(EvalCommand.TRAIN);
        args.requiredPath(EvalCommand.TEST);
        OnlineParams defaults = OnlineParams.DEFAULT;
        OnlineParams params;
        try {
            params = new OnlineParams(args.integer(TrainingOptions.DIM, 1, 4096),
                    args.integer(TrainingOptions.NEGATIVE, 0, 100),
                    (float) args.decimal(LEARNING_RATE, 1e-9, 10),
                    args.decimal(TrainingOptions.NOISE_EXPONENT, -10, 10),
                    defaults.maxItems(), defaults.noiseTableSize(),
                    args.longValue(TrainingOptions.SEED, Long.MIN_VALUE, Long.MAX_VALUE),
                    args.integer(REPLAYS, 0, 1000), args.integer(MEMORY, 0, 10_000_000));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ClickLogReader.Result clicks = new ClickLogReader(TrainingOptions.sessionRules(args)).read(train);
        if (!clicks.problems().isEmpty()) {
            err.println("warning: " + train + ": " + clicks.problems().summary());
        }
        List<Session> sessions = clicks.sessions();
        IncrementalTraining training = new IncrementalTraining(new OnlineModel(params), new ListingCatalog());
        long start = System.nanoTime();
        long messages = new SessionReplay(args.integer(CONTEXT, 1, 1_000), params.seed()).replay(sessions, training);
        err.printf(Locale.ROOT, "replayed %,d sessions as %,d messages (%,d pairs, %,d items) in %.1f s%n",
                sessions.size(), messages, training.model().appliedPairs(), training.model().size(),
                (System.nanoTime() - start) / 1e9);
        Embeddings model = training.model().toEmbeddings();
        if (args.has(OUTPUT)) {
            Word2VecFormat.writeModel(model, args.requiredPath(OUTPUT), Word2VecFormat.Encoding.BINARY);
        }
        List<EvalCommand.Scorer> scorers = List.of(EvalCommand.Scorer.POPULARITY, EvalCommand.Scorer.COOCCURRENCE,
                EvalCommand.Scorer.COSINE, EvalCommand.Scorer.IN_OUT);
        out.print(AccuracyTable.format(EvalCommand.evaluateNextClick(args, model, SessionScoring.DEFAULT, scorers,
                List.of(Protocol.ONE_ITEM), new int[] {args.integer(EvalCommand.K, 1, 100_000)}, err)));
        return 0;
    }
}
