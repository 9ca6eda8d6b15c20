package org.item2vec.learn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.item2vec.learn.io.InputFormatException;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vocab.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalogyEvaluationTest {
    @TempDir
    Path dir;

    /**
     * All four "royal" vectors have length √2, so king − man + woman = queen holds exactly for the unit
     * vectors too. apple is far from everything. queen is the last word, to test restrictTo.
     */
    private static Embeddings model() {
        String[] tokens = {"man", "King", "woman", "apple", "queen"};
        float[] input = {
                1, 0, 1,      // man
                1, 0, -1,     // king
                0, 1, 1,      // woman
                -1, -1, 0,    // apple
                0, 1, -1};    // queen = king - man + woman
        return new Embeddings(Vocabulary.ofOrdered(tokens, new long[] {5, 4, 3, 2, 1}), 3, 3, input, null);
    }

    private Path questions(String text) throws IOException {
        Path path = dir.resolve("questions-words.txt");
        Files.writeString(path, text);
        return path;
    }

    @Test
    void answersAnExactAnalogyAndSkipsUnknownWords() throws IOException {
        AnalogyEvaluation.Result result = AnalogyEvaluation.evaluate(model(),
                questions(": family\nman king woman queen\nman king woman princess\n"), 30_000);
        assertEquals(1, result.sections().size());
        AnalogyEvaluation.Section family = result.sections().get(0);
        assertEquals("family", family.name());
        assertEquals(1, family.correct());
        assertEquals(1, family.asked());
        assertEquals(1.0, family.accuracy());
        assertEquals(1, result.skipped());
        assertEquals(1, result.total().correct());
        assertEquals(1, result.total().asked());
        assertEquals(1.0, result.total().accuracy());
    }

    @Test
    void wordsAreComparedCaseInsensitively() throws IOException {
        AnalogyEvaluation.Result result = AnalogyEvaluation.evaluate(model(),
                questions("MAN KING Woman Queen\n"), 30_000);
        assertEquals(0, result.skipped());
        assertEquals(1, result.total().correct());
        assertEquals("questions", result.sections().get(0).name(), "questions before any header");
    }

    @Test
    void wrongAnswersLowerTheAccuracyPerSection() throws IOException {
        AnalogyEvaluation.Result result = AnalogyEvaluation.evaluate(model(),
                questions(": right\nman king woman queen\n\n: wrong\nman king woman apple\n"), 30_000);
        assertEquals(List.of("right", "wrong"), result.sections().stream().map(AnalogyEvaluation.Section::name).toList());
        assertEquals(1.0, result.sections().get(0).accuracy());
        assertEquals(0.0, result.sections().get(1).accuracy());
        assertEquals(1, result.sections().get(1).asked());
        assertEquals(0.5, result.total().accuracy());
        assertEquals(2, result.total().asked());
        assertTrue(result.format().contains("50.00 %"), result.format());
    }

    @Test
    void restrictToSkipsQuestionsWithWordsPastTheLimit() throws IOException {
        AnalogyEvaluation.Result result = AnalogyEvaluation.evaluate(model(),
                questions(": family\nman king woman queen\nman king woman princess\n"), 4);
        assertEquals(2, result.skipped(), "queen is the 5th word, outside the 4 most frequent");
        assertEquals(0, result.total().asked());
        assertTrue(result.sections().isEmpty());
    }

    @Test
    void restrictToExcludesWordsPastTheLimitFromTheAnswers() throws IOException {
        Path path = questions("man king woman apple\n");
        // With all words, the answer is queen, so "apple" is wrong...
        assertEquals(0, AnalogyEvaluation.evaluate(model(), path, 5).total().correct());
        // ...but queen is not a candidate among the 4 most frequent words: the best remaining one is apple.
        AnalogyEvaluation.Result restricted = AnalogyEvaluation.evaluate(model(), path, 4);
        assertEquals(1, restricted.total().correct());
        assertEquals(1, restricted.total().asked());
    }

    @Test
    void questionWordsAreNeverTheAnswer() throws IOException {
        // b − a + c = king − man + king; the nearest word is king itself, which is excluded as b and c.
        AnalogyEvaluation.Result result = AnalogyEvaluation.evaluate(model(),
                questions("man king king queen\n"), 5);
        assertEquals(1, result.total().correct(), "queen (0,1,-1) beats woman and apple once king is excluded");
    }

    @Test
    void malformedQuestionLineFailsWithLineNumber() throws IOException {
        Path path = questions(": family\nman king woman queen\nman king woman\n");
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> AnalogyEvaluation.evaluate(model(), path, 30_000));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("'man king woman'"), e.getMessage());
    }

    @Test
    void fileWithoutQuestionsFails() throws IOException {
        Path path = questions(": empty section\n\n");
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> AnalogyEvaluation.evaluate(model(), path, 30_000));
        assertTrue(e.getMessage().contains("no analogy questions"), e.getMessage());
    }

    @Test
    void missingFileFails() {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> AnalogyEvaluation.evaluate(model(), dir.resolve("none.txt"), 30_000));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }
}
