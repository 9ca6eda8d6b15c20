package org.item2vec.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.item2vec.service.config.Durations;
import org.item2vec.learn.corpus.ClickLogReader;
import org.item2vec.learn.corpus.InputFormat;
import org.item2vec.trainer.retrain.RetrainConfig;
import org.item2vec.trainer.retrain.TunedSettings;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.learn.sgns.TrainingConfig;
import org.item2vec.trainer.tune.TimeSplit;
import org.item2vec.trainer.tune.Tuner;

/**
 * {@code item2vec tune}: searches the hyperparameters that matter on a time-based held-out split of a click
 * log within a time budget, showing each trial, and prints the best configuration as a ready {@code train}
 * command line (and, with {@code --write}, as a settings file for the retrain).
 */
final class TuneCommand implements Command {
    static final String BUDGET = "--budget";
    static final String HOLDOUT = "--holdout";
    static final String MAX_HOLDOUT_FRACTION = "--max-holdout-fraction";
    static final String METRIC = "--metric";
    static final String WRITE = "--write";

    @Override
    public String name() {
        return "tune";
    }

    @Override
    public String summary() {
        return "search noise exponent, window, negatives, epochs and dim on a held-out day of a click log";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.of(TrainingOptions.INPUT, "FILE", null, "click log (user, item, timestamp[, type])", "-train"),
                Option.of(BUDGET, "DURATION", "10m", "time for the whole search, e.g. 10m, 1h"),
                Option.of(HOLDOUT, "DURATION", "1d", "sessions that ended this close to the newest are held out"),
                Option.of(MAX_HOLDOUT_FRACTION, "X", "0.2", "but at most this share of the sessions"),
                Option.of(METRIC, "mrr|hr", "mrr", "what the search maximises: MRR@K or HitRate@K"),
                Option.of(EvalCommand.K, "N", "20", "cut-off of HitRate@K and MRR@K", "-k"),
                Option.of(TrainingOptions.THREADS, "N", String.valueOf(TrainingConfig.DEFAULTS.threads()),
                        "training threads", "-threads"),
                Option.of(TrainingOptions.SEED, "N", "1", "random seed"),
                Option.of(TrainingOptions.SESSION_GAP, "N",
                        String.valueOf(SessionRules.DEFAULT_INACTIVITY_GAP.toMinutes()),
                        "inactivity that starts a new session"),
                Option.of(TrainingOptions.COLLAPSE_REPEATS, "true|false", "true",
                        "an item clicked again right after itself counts once"),
                Option.of(WRITE, "FILE", null, "also write the best configuration as retrain settings ("
                        + RetrainConfig.TUNED_KEY + "=FILE)"));
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Path input = args.requiredPath(TrainingOptions.INPUT);
        if (InputFormat.guess(input) == InputFormat.SESSIONS) {
            throw new UsageException("tune splits by time and needs a click log with timestamps (.csv or .tsv), not "
                    + "a sessions file: " + input);
        }
        Duration budget = duration(args, BUDGET);
        Duration holdout = duration(args, HOLDOUT);
        Tuner.Metric metric = switch (args.required(METRIC).toLowerCase(Locale.ROOT)) {
            case "mrr" -> Tuner.Metric.MRR;
            case "hr" -> Tuner.Metric.HIT_RATE;
            default -> throw new UsageException(METRIC + " must be mrr or hr, got '" + args.required(METRIC) + "'");
        };
        int k = args.integer(EvalCommand.K, 1, 100_000);
        TrainingConfig start = RetrainConfig.CLICK_DEFAULTS.toBuilder()
                .threads(args.integer(TrainingOptions.THREADS, 1, 1_024))
                .seed(args.longValue(TrainingOptions.SEED, Long.MIN_VALUE, Long.MAX_VALUE))
                .build();

        ClickLogReader.Result clicks = new ClickLogReader(TrainingOptions.sessionRules(args)).read(input);
        if (!clicks.problems().isEmpty()) {
            err.println("warning: " + input + ": " + clicks.problems().summary());
        }
        TimeSplit split = TimeSplit.of(clicks.sessions(), holdout,
                args.decimal(MAX_HOLDOUT_FRACTION, 1e-6, 1 - 1e-6));
        err.printf(Locale.ROOT, "tune: %,d sessions train, %,d held out (the last %s, at most %s of all); budget %s%n",
                split.training().size(), split.heldOut().size(), args.required(HOLDOUT),
                args.required(MAX_HOLDOUT_FRACTION), args.required(BUDGET));
        Tuner.Outcome outcome = new Tuner(split, k, metric, budget, err::println).search(start);
        Tuner.Trial best = outcome.best();
        TrainingConfig config = best.config();
        out.printf(Locale.ROOT, "best of %d trials: HR@%d %.4f  MRR@%d %.4f%n", outcome.trials().size(), k,
                best.hitRate(), k, best.mrr());
        out.println(commandLine(input, config));
        if (args.has(WRITE)) {
            Path file = args.requiredPath(WRITE);
            TunedSettings.write(file, config, String.format(Locale.ROOT,
                    "item2vec tune on %s: next-item HR@%d %.4f, MRR@%d %.4f on the held-out sessions",
                    input.getFileName(), k, best.hitRate(), k, best.mrr()));
            out.println("wrote " + file + " (for the retrain: " + RetrainConfig.TUNED_KEY + "=" + file + ")");
        }
        return 0;
    }

    private static Duration duration(Arguments args, String option) {
        Duration value;
        try {
            value = Durations.parse(args.required(option));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " must be a duration such as 10m, 90s or 1d, got '"
                    + args.required(option) + "'");
        }
        if (value.isNegative() || value.isZero()) {
            throw new UsageException(option + " must be positive, got '" + args.required(option) + "'");
        }
        return value;
    }

    /** The configuration as a {@code train} command line, word2vec's flags where it has them. */
    static String commandLine(Path input, TrainingConfig config) {
        return String.format(Locale.ROOT, "bin/item2vec train --input %s --output vectors.bin -size %d -window %d "
                        + "-negative %d -sample %s -min-count %d -iter %d --noise-exponent %s",
                input, config.dim(), config.window(), config.negative(), Tuner.trimmed(config.sample()),
                config.minCount(), config.epochs(), Tuner.trimmed(config.noiseExponent()));
    }
}
