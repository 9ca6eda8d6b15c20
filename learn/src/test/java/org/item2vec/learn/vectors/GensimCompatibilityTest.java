package org.item2vec.learn.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.item2vec.learn.vocab.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interoperability with gensim's {@code KeyedVectors.load_word2vec_format}, run where Python with gensim is
 * installed (Debian: python3-gensim) and skipped elsewhere.
 */
class GensimCompatibilityTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    private static boolean gensimAvailable() {
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import gensim").redirectErrorStream(true).start();
            return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String python(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON, "-c", script).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), output);
        return output.strip();
    }

    @ParameterizedTest
    @EnumSource(Word2VecFormat.Encoding.class)
    void gensimLoadsWhatWeWrite(Word2VecFormat.Encoding encoding) throws Exception {
        assumeTrue(gensimAvailable(), "gensim is not installed for " + PYTHON + ": skipped");
        Vocabulary vocabulary = Vocabulary.ofOrdered(new String[] {"1001", "b", "é"}, new long[3]);
        float[] matrix = {0.5f, -1.25f, 1f / 3, 7f, 0f, -0.001f};
        Path path = dir.resolve("v." + encoding.name().toLowerCase());
        Word2VecFormat.write(vocabulary, matrix, 2, 2, path, encoding);
        String printed = python("from gensim.models import KeyedVectors\n"
                + "kv = KeyedVectors.load_word2vec_format('" + path + "', binary="
                + (encoding == Word2VecFormat.Encoding.BINARY ? "True" : "False") + ")\n"
                + "print(' '.join(kv.index_to_key), ' '.join(repr(float(x)) for x in kv.vectors.flatten()))");
        StringBuilder expected = new StringBuilder("1001 b é");
        for (float value : matrix) {
            expected.append(' ').append(repr(value));
        }
        assertEquals(expected.toString(), printed);
    }

    @Test
    void weReadWhatGensimWrites() throws Exception {
        assumeTrue(gensimAvailable(), "gensim is not installed for " + PYTHON + ": skipped");
        for (String binary : new String[] {"True", "False"}) {
            Path path = dir.resolve("gensim-" + binary);
            python("import numpy as np\nfrom gensim.models import KeyedVectors\n"
                    + "kv = KeyedVectors(3)\n"
                    + "kv.add_vectors(['x', 'y'], np.array([[1, 2, 3], [-0.5, 0.25, 8]], dtype=np.float32))\n"
                    + "kv.save_word2vec_format('" + path + "', binary=" + binary + ")");
            Embeddings read = Word2VecFormat.read(path);
            assertEquals("x", read.vocabulary().token(0));
            assertEquals(3, read.dim());
            org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 2, 3, -0.5f, 0.25f, 8}, read.input());
        }
    }

    /** Python's repr of the float32 value widened to a double. */
    private static String repr(float value) {
        double wide = value;
        String text = Double.toString(wide);
        return text.contains("E") ? text.replace("E", "e") : text;
    }
}
