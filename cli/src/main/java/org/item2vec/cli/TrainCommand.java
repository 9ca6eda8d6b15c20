package org.item2vec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.item2vec.learn.corpus.CorpusFiles;
import org.item2vec.learn.sgns.SgnsTrainer;
import org.item2vec.learn.sgns.TrainingConfig;
import org.item2vec.learn.vectors.Word2VecFormat;
import org.item2vec.learn.vocab.Vocabulary;

/** {@code item2vec train}: a word2vec-compatible command line that trains and writes vectors. */
final class TrainCommand implements Command {
    static final String OUTPUT = "--output";
    static final String BINARY = "--binary";
    static final String SAVE_VOCAB = "--save-vocab";

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train item vectors (accepts word2vec's flags: -train -output -size -window ...)";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(TrainingOptions.options());
        options.add(Option.of(OUTPUT, "FILE", null,
                "input vectors; the output (context) vectors go to FILE's .context twin", "-output"));
        options.add(Option.of(BINARY, "0|1", "0", "1: word2vec's binary format, 0: text", "-binary"));
        options.add(Option.of(SAVE_VOCAB, "FILE", null, "also write 'item count' lines", "-save-vocab"));
        return options;
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        TrainingConfig config = TrainingOptions.config(args);
        Path output = args.requiredPath(OUTPUT);
        Word2VecFormat.Encoding encoding = args.bool(BINARY) ? Word2VecFormat.Encoding.BINARY
                : Word2VecFormat.Encoding.TEXT;

        CorpusFiles.Loaded loaded = TrainingOptions.loadCorpus(args, config, err);
        SgnsTrainer trainer = TrainingOptions.trainer(args, config, loaded, err);
        SgnsTrainer.Result result = trainer.train(loaded.corpus());
        if (args.has(TrainingOptions.INIT_VECTORS)) {
            err.printf(Locale.ROOT, "started %,d items from %s%n", result.initializedFromVectors(),
                    args.string(TrainingOptions.INIT_VECTORS));
        }

        Word2VecFormat.writeModel(result.embeddings(), output, encoding);
        if (args.has(SAVE_VOCAB)) {
            saveVocabulary(loaded.corpus().vocabulary(), args.requiredPath(SAVE_VOCAB));
        }
        err.printf(Locale.ROOT, "trained %,d items × %d dims in %.1f s (%,.0f words/s); wrote %s and %s%n",
                result.embeddings().size(), config.dim(), result.status().elapsed().toMillis() / 1000.0,
                result.status().wordsPerSecond(), output, Word2VecFormat.contextPathFor(output));
        return 0;
    }

    private static void saveVocabulary(Vocabulary vocabulary, Path path) throws IOException {
        try (PrintStream vocab = new PrintStream(Files.newOutputStream(path), false, StandardCharsets.UTF_8)) {
            for (int i = 0; i < vocabulary.size(); i++) {
                vocab.print(vocabulary.token(i));
                vocab.print(' ');
                vocab.println(vocabulary.count(i));
            }
        }
    }
}
