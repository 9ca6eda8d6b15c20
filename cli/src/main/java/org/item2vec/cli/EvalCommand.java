package org.item2vec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.item2vec.trainer.corpus.CorpusBuilder;
import org.item2vec.trainer.corpus.CorpusFiles;
import org.item2vec.trainer.corpus.InputFormat;
import org.item2vec.trainer.eval.AnalogyEvaluation;
import org.item2vec.trainer.eval.CooccurrenceScorer;
import org.item2vec.trainer.eval.NextItemEvaluation;
import org.item2vec.trainer.eval.PopularityScorer;
import org.item2vec.trainer.sessions.SessionRules;
import org.item2vec.trainer.vectors.Embeddings;
import org.item2vec.trainer.vectors.SimilaritySearch.Scoring;
import org.item2vec.trainer.vectors.SimilaritySearch;
import org.item2vec.trainer.vectors.Word2VecFormat;
import org.item2vec.trainer.vocab.Vocabulary;

/**
 * {@code item2vec eval}: word-analogy accuracy, and next-item HitRate@K / MRR@K on held-out sessions next to
 * the popularity and co-occurrence baselines computed on the same split.
 */
final class EvalCommand implements Command {
    static final String VECTORS = "--vectors";
    static final String ANALOGIES = "--analogies";
    static final String RESTRICT = "--restrict";
    static final String TRAIN = "--train";
    static final String TEST = "--test";
    static final String K = "--k";
    static final String COOCCURRENCE_WINDOW = "--cooccurrence-window";

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "evaluate vectors: word analogies, or next-item HitRate@K/MRR@K against baselines";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.of(VECTORS, "FILE", null, "vectors in word2vec format; the .context twin enables next-item scoring"),
                Option.of(ANALOGIES, "FILE", null, "questions-words file for analogy accuracy"),
                Option.of(RESTRICT, "N", "30000", "analogies: only the N most frequent words take part"),
                Option.of(TRAIN, "FILE", null, "training sessions or click log (for the baselines)"),
                Option.of(TEST, "FILE", null, "held-out sessions or click log: next-item evaluation"),
                Option.of(K, "N", "20", "cut-off of HitRate@K and MRR@K", "-k"),
                Option.of(COOCCURRENCE_WINDOW, "N", "5", "window of the co-occurrence baseline"),
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
        int k = args.integer(K, 1, 100_000);
        int window = args.integer(COOCCURRENCE_WINDOW, 1, 1_000);
        Embeddings model = Word2VecFormat.readModel(args.requiredPath(VECTORS));
        if (args.has(ANALOGIES)) {
            out.println(AnalogyEvaluation.evaluate(model, args.requiredPath(ANALOGIES), restrict).format());
        }
        if (args.has(TEST)) {
            evaluateNextItem(args, model, k, window, out, err);
        }
        return 0;
    }

    /** Next-item HitRate@K / MRR@K of {@code model} on {@code --test}, with the baselines when {@code --train} is given. */
    static void evaluateNextItem(Arguments args, Embeddings model, int k, int window, PrintStream out,
                                 PrintStream err)
            throws IOException {
        Vocabulary vocabulary = model.vocabulary();
        NextItemEvaluation evaluation = new NextItemEvaluation(sessions(args, TEST, vocabulary, err),
                vocabulary.size());
        SimilaritySearch search = new SimilaritySearch(model);
        if (args.has(TRAIN)) {
            List<int[]> train = sessions(args, TRAIN, vocabulary, err);
            out.println(evaluation.evaluate("popularity", new PopularityScorer(train, vocabulary.size()), k).format());
            out.println(evaluation.evaluate("co-occurrence (window " + window + ")",
                    new CooccurrenceScorer(train, vocabulary.size(), window), k).format());
        }
        out.println(evaluation.evaluate("cosine (similar items)",
                (query, into) -> search.scores(query, Scoring.SIMILAR, into), k).format());
        if (model.hasOutput()) {
            out.println(evaluation.evaluate("input·output (next item)",
                    (query, into) -> search.scores(query, Scoring.NEXT, into), k).format());
        }
    }

    private static List<int[]> sessions(Arguments args, String option, Vocabulary vocabulary, PrintStream err)
            throws IOException {
        Path path = args.requiredPath(option);
        CorpusFiles.Loaded loaded = CorpusFiles.load(path, TrainingOptions.inputFormat(args, path), SessionRules.DEFAULT,
                CorpusBuilder.DEFAULT_MAX_SESSION_LENGTH, 1);
        TrainingOptions.warnAboutSkippedRows(path, loaded, err);
        return NextItemEvaluation.sessionsIn(loaded.corpus(), vocabulary);
    }
}
