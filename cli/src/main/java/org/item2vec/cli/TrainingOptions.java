package org.item2vec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.learn.corpus.CorpusBuilder;
import org.item2vec.learn.corpus.CorpusFiles;
import org.item2vec.learn.corpus.InputFormat;
import org.item2vec.learn.corpus.ItemMarkets;
import org.item2vec.learn.sgns.ContextMode;
import org.item2vec.learn.sgns.SgnsTrainer;
import org.item2vec.learn.sgns.TrainingConfig;
import org.item2vec.learn.vectors.Word2VecFormat;

/**
 * The options every training command shares (train, bench): word2vec.c's flags under their own names,
 * readable long names, and the item2vec and Airbnb additions; and how they become a training run.
 */
final class TrainingOptions {
    static final String INPUT = "--input";
    static final String INPUT_FORMAT = "--input-format";
    static final String DIM = "--dim";
    static final String WINDOW = "--window";
    static final String CONTEXT = "--context";
    static final String NEGATIVE = "--negative";
    static final String NOISE_EXPONENT = "--noise-exponent";
    static final String MARKET_NEGATIVES = "--market-negatives";
    static final String BOOKED_CONTEXT = "--booked-context";
    static final String ITEMS = "--items";
    static final String SAMPLE = "--sample";
    static final String MIN_COUNT = "--min-count";
    static final String ALPHA = "--alpha";
    static final String EPOCHS = "--epochs";
    static final String THREADS = "--threads";
    static final String SEED = "--seed";
    static final String CBOW = "--cbow";
    static final String HS = "--hs";
    static final String MAX_SESSION_LENGTH = "--max-session-length";
    static final String SESSION_GAP = "--session-gap-minutes";
    static final String COLLAPSE_REPEATS = "--collapse-repeats";
    static final String INIT_VECTORS = "--init-vectors";
    static final String PROGRESS_SECONDS = "--progress-seconds";

    private TrainingOptions() {
    }

    static List<Option> options() {
        TrainingConfig d = TrainingConfig.DEFAULTS;
        List<Option> options = new ArrayList<>();
        options.add(Option.of(INPUT, "FILE", null,
                "corpus: sessions (one per line, items separated by spaces) or a click log (.csv/.tsv)", "-train"));
        options.add(Option.of(INPUT_FORMAT, "sessions|clicks", null, "input format (default: from the file name)"));
        options.add(Option.of(DIM, "N", String.valueOf(d.dim()), "vector size", "-size"));
        options.add(Option.of(WINDOW, "N", String.valueOf(d.window()), "maximum context distance", "-window"));
        options.add(Option.of(CONTEXT, "window|session", "window",
                "context: a shrunk window (word2vec) or the whole session (item2vec)"));
        options.add(Option.of(NEGATIVE, "N", String.valueOf(d.negative()), "negative samples per pair", "-negative"));
        options.add(Option.of(NOISE_EXPONENT, "X", String.valueOf(d.noiseExponent()),
                "noise distribution is counts^X"));
        options.add(Option.of(MARKET_NEGATIVES, "N", "0", "extra negatives from the item's own market (needs --items)"));
        options.add(Option.of(BOOKED_CONTEXT, "true|false", "true",
                "the booked item of a session is a context of all its items"));
        options.add(Option.of(ITEMS, "FILE", null, "item metadata: item,market per line"));
        options.add(Option.of(SAMPLE, "X", String.valueOf(d.sample()), "down-sampling threshold, 0 to disable",
                "-sample"));
        options.add(Option.of(MIN_COUNT, "N", String.valueOf(d.minCount()), "drop items seen fewer times",
                "-min-count"));
        options.add(Option.of(ALPHA, "X", String.valueOf(d.alpha()), "starting learning rate", "-alpha"));
        options.add(Option.of(EPOCHS, "N", String.valueOf(d.epochs()), "passes over the corpus", "-iter"));
        options.add(Option.of(THREADS, "N", String.valueOf(d.threads()), "training threads", "-threads"));
        options.add(Option.of(SEED, "N", String.valueOf(d.seed()), "random seed"));
        options.add(Option.of(CBOW, "0", "0", "word2vec compatibility: only skip-gram (0) is trained", "-cbow"));
        options.add(Option.of(HS, "0", "0", "word2vec compatibility: only negative sampling (0) is trained", "-hs"));
        options.add(Option.of(MAX_SESSION_LENGTH, "N", String.valueOf(CorpusBuilder.DEFAULT_MAX_SESSION_LENGTH),
                "longer sessions (or lines) are cut into chunks"));
        options.add(Option.of(SESSION_GAP, "N", String.valueOf(SessionRules.DEFAULT_INACTIVITY_GAP.toMinutes()),
                "click logs: inactivity that starts a new session"));
        options.add(Option.of(COLLAPSE_REPEATS, "true|false", "true",
                "click logs: an item clicked again right after itself counts once"));
        options.add(Option.of(INIT_VECTORS, "FILE", null, "start known items from these vectors (word2vec format)"));
        options.add(Option.of(PROGRESS_SECONDS, "N", "5", "seconds between progress lines"));
        return options;
    }

    static TrainingConfig config(Arguments args) {
        if (args.integer(CBOW, 0, 1) != 0) {
            throw new UsageException("CBOW is not supported: item2vec trains skip-gram, use -cbow 0");
        }
        if (args.integer(HS, 0, 1) != 0) {
            throw new UsageException("hierarchical softmax is not supported: use -hs 0 with -negative N");
        }
        try {
            return TrainingConfig.builder()
                    .dim(args.integer(DIM, 1, 10_000))
                    .window(args.integer(WINDOW, 1, 1_000))
                    .contextMode(contextMode(args.required(CONTEXT)))
                    .negative(args.integer(NEGATIVE, 1, 1_000))
                    .noiseExponent(args.decimal(NOISE_EXPONENT, -10, 10))
                    .marketNegatives(args.integer(MARKET_NEGATIVES, 0, 1_000))
                    .bookedContext(args.bool(BOOKED_CONTEXT))
                    .sample(args.decimal(SAMPLE, 0, 0.999))
                    .minCount(args.longValue(MIN_COUNT, 1, Long.MAX_VALUE))
                    .alpha((float) args.decimal(ALPHA, 1e-9, 1))
                    .epochs(args.integer(EPOCHS, 1, 100_000))
                    .threads(args.integer(THREADS, 1, 1_024))
                    .seed(args.longValue(SEED, Long.MIN_VALUE, Long.MAX_VALUE))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static ContextMode contextMode(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "window" -> ContextMode.WINDOW;
            case "session" -> ContextMode.SESSION;
            default -> throw new UsageException(CONTEXT + " must be window or session, got '" + value + "'");
        };
    }

    static SessionRules sessionRules(Arguments args) {
        return SessionRules.DEFAULT
                .withInactivityGap(Duration.ofMinutes(args.integer(SESSION_GAP, 1, 10_000_000)))
                .withCollapseRepeats(args.bool(COLLAPSE_REPEATS));
    }

    /** The format given by {@code --input-format}, else the one the file name suggests. */
    static InputFormat inputFormat(Arguments args, Path input) {
        try {
            return args.has(INPUT_FORMAT) ? InputFormat.parse(args.required(INPUT_FORMAT)) : InputFormat.guess(input);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Reads the corpus the options name, reporting what was read (and skipped) on {@code log}. */
    static CorpusFiles.Loaded loadCorpus(Arguments args, TrainingConfig config, PrintStream log) throws IOException {
        Path input = args.requiredPath(INPUT);
        InputFormat format = inputFormat(args, input);
        long start = System.nanoTime();
        CorpusFiles.Loaded loaded = CorpusFiles.load(input, format, sessionRules(args),
                args.integer(MAX_SESSION_LENGTH, 2, 100_000_000), config.minCount());
        log.printf(Locale.ROOT, "read %s (%s): %,d sessions, %,d tokens, vocabulary %,d (min-count %d) in %.1f s%n",
                input, format.name().toLowerCase(Locale.ROOT), loaded.corpus().sessionCount(),
                loaded.corpus().tokenCount(), loaded.corpus().vocabulary().size(), config.minCount(),
                (System.nanoTime() - start) / 1e9);
        warnAboutSkippedRows(input, loaded, log);
        return loaded;
    }

    /** Says which rows of {@code input} were skipped and why, so that no bad row is lost silently. */
    static void warnAboutSkippedRows(Path input, CorpusFiles.Loaded loaded, PrintStream log) {
        if (!loaded.problems().isEmpty()) {
            log.println("warning: " + input + ": " + loaded.problems().summary());
        }
    }

    /** A trainer for the options: markets, initial vectors and progress printed to {@code log}. */
    static SgnsTrainer trainer(Arguments args, TrainingConfig config, CorpusFiles.Loaded loaded, PrintStream log)
            throws IOException {
        SgnsTrainer trainer = new SgnsTrainer(config)
                .onProgress(status -> log.println(status.format()),
                        Duration.ofSeconds(args.integer(PROGRESS_SECONDS, 1, 86_400)));
        if (args.has(ITEMS)) {
            ItemMarkets markets = ItemMarkets.read(args.requiredPath(ITEMS));
            trainer.markets(markets.indexFor(loaded.corpus().vocabulary()));
        } else if (config.marketNegatives() > 0) {
            throw new UsageException(MARKET_NEGATIVES + " needs " + ITEMS + " FILE to know each item's market");
        }
        if (args.has(INIT_VECTORS)) {
            trainer.initialVectors(Word2VecFormat.read(args.requiredPath(INIT_VECTORS)));
        }
        return trainer;
    }
}
