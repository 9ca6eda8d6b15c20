package org.item2vec.learn.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.item2vec.learn.io.InputFiles;
import org.item2vec.learn.io.InputFormatException;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vectors.VectorMath;
import org.item2vec.learn.vocab.Vocabulary;

/**
 * Word-analogy accuracy on a {@code questions-words.txt} file ("a b c d": a is to b as c is to d), the way
 * word2vec's compute-accuracy and gensim's {@code evaluate_word_analogies} compute it: only the
 * {@code restrictTo} most frequent words take part, questions with a word outside them are skipped, words
 * are compared case-insensitively, and the answer is the word nearest by cosine to b − a + c among all
 * but a, b and c.
 */
public final class AnalogyEvaluation {
    /** Accuracy of one section of the file, or of all of them. */
    public record Section(String name, int correct, int asked) {
        public double accuracy() {
            return asked == 0 ? 0 : correct / (double) asked;
        }
    }

    /** Per-section results, the total, and how many questions were skipped for unknown words. */
    public record Result(List<Section> sections, Section total, int skipped) {
        public String format() {
            StringBuilder text = new StringBuilder();
            for (Section s : sections) {
                text.append(String.format(Locale.ROOT, "  %-28s %6.2f %%  (%d / %d)%n", s.name(),
                        100 * s.accuracy(), s.correct(), s.asked()));
            }
            text.append(String.format(Locale.ROOT, "analogy accuracy %.2f %% (%d / %d questions; %d skipped: "
                    + "a word outside the vocabulary)", 100 * total.accuracy(), total.correct(), total.asked(), skipped));
            return text.toString();
        }
    }

    private AnalogyEvaluation() {
    }

    public static Result evaluate(Embeddings model, Path questions, int restrictTo) throws IOException {
        int limit = Math.min(restrictTo, model.size());
        Map<String, Integer> index = lowerCaseIndex(model.vocabulary(), limit);
        Map<String, List<int[]>> sections = new LinkedHashMap<>();
        int skipped = readQuestions(questions, index, sections);

        int dim = model.dim();
        float[] unit = VectorMath.normalizedRows(model.input(), limit, dim, model.stride());
        List<Section> results = new ArrayList<>();
        int correct = 0;
        int asked = 0;
        for (Map.Entry<String, List<int[]>> section : sections.entrySet()) {
            List<int[]> qs = section.getValue();
            int sectionCorrect = (int) IntStream.range(0, qs.size()).parallel()
                    .filter(q -> answer(unit, dim, limit, qs.get(q)) == qs.get(q)[3]).count();
            results.add(new Section(section.getKey(), sectionCorrect, qs.size()));
            correct += sectionCorrect;
            asked += qs.size();
        }
        return new Result(results, new Section("total", correct, asked), skipped);
    }

    /** The word nearest to b − a + c (unit vectors), other than a, b and c. */
    private static int answer(float[] unit, int dim, int limit, int[] question) {
        float[] query = new float[dim];
        int a = question[0] * dim;
        int b = question[1] * dim;
        int c = question[2] * dim;
        for (int i = 0; i < dim; i++) {
            query[i] = unit[b + i] - unit[a + i] + unit[c + i];
        }
        int best = -1;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < limit; j++) {
            if (j == question[0] || j == question[1] || j == question[2]) {
                continue;
            }
            float score = VectorMath.dot(query, 0, unit, j * dim, dim);
            if (score > bestScore) {
                bestScore = score;
                best = j;
            }
        }
        return best;
    }

    private static Map<String, Integer> lowerCaseIndex(Vocabulary vocabulary, int limit) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < limit; i++) {
            index.putIfAbsent(vocabulary.token(i).toLowerCase(Locale.ROOT), i);
        }
        return index;
    }

    private static int readQuestions(Path path, Map<String, Integer> index, Map<String, List<int[]>> sections)
            throws IOException {
        int skipped = 0;
        try (InputStream in = InputFiles.open(path);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String section = "questions";
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith(":")) {
                    section = line.substring(1).trim();
                    continue;
                }
                String[] words = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
                if (words.length != 4) {
                    throw new InputFormatException(path + " line " + number + ": expected four words 'a b c d', found '"
                            + line + "'");
                }
                int[] question = new int[4];
                boolean known = true;
                for (int w = 0; w < 4 && known; w++) {
                    Integer i = index.get(words[w]);
                    known = i != null;
                    question[w] = known ? i : -1;
                }
                if (known) {
                    sections.computeIfAbsent(section, s -> new ArrayList<>()).add(question);
                } else {
                    skipped++;
                }
            }
        }
        if (sections.isEmpty() && skipped == 0) {
            throw new InputFormatException(path + " holds no analogy questions");
        }
        return skipped;
    }
}
