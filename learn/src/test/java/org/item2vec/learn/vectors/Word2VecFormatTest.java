package org.item2vec.learn.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.item2vec.learn.io.InputFormatException;
import org.item2vec.learn.vocab.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Word2VecFormatTest {
    private static final String[] TOKENS = {"the", "café", "x_1", "東京"};
    /** Awkward floats: tiny (subnormal and normal), negative, large, 1/3, zero and negative zero. */
    private static final float[] INPUT = {
            Float.MIN_VALUE, -Float.MIN_NORMAL, 1f / 3,
            -123456.78f, 3.4e38f, -0.0f,
            1e-30f, 0f, -1f / 3,
            7f, -2.5e-7f, Float.MAX_VALUE};
    private static final float[] OUTPUT = {
            0.1f, 0.2f, 0.3f,
            -1e-20f, 2f / 3, 1e20f,
            5f, -5f, 0.5f,
            -Float.MIN_VALUE, 9.999999e-9f, 42f};

    @TempDir
    Path dir;

    private static Embeddings model(boolean withOutput) {
        Vocabulary vocabulary = Vocabulary.ofOrdered(TOKENS, new long[] {4, 3, 2, 1});
        return new Embeddings(vocabulary, 3, 3, INPUT.clone(), withOutput ? OUTPUT.clone() : null);
    }

    private static void assertBitIdentical(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    "value " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }

    private static String[] tokens(Embeddings model) {
        String[] tokens = new String[model.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = model.vocabulary().token(i);
        }
        return tokens;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path path = dir.resolve(name);
        Files.write(path, bytes);
        return path;
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] littleEndian(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    private InputFormatException readFails(Path path) {
        return assertThrows(InputFormatException.class, () -> Word2VecFormat.read(path));
    }

    @ParameterizedTest
    @EnumSource(Word2VecFormat.Encoding.class)
    void roundTripIsBitIdentical(Word2VecFormat.Encoding encoding) throws IOException {
        Path path = dir.resolve("v.bin");
        Embeddings original = model(false);
        Word2VecFormat.write(original.vocabulary(), original.input(), 3, 3, path, encoding);
        Embeddings read = Word2VecFormat.read(path);
        assertArrayEquals(TOKENS, tokens(read));
        assertEquals(3, read.dim());
        assertBitIdentical(INPUT, read.input());
        assertFalse(read.hasOutput());
    }

    @Test
    void writeHonoursTheStride() throws IOException {
        // Two items of dim 2 stored with stride 4: the padding must not be written.
        Vocabulary vocabulary = Vocabulary.ofOrdered(new String[] {"a", "b"}, new long[2]);
        float[] matrix = {1, 2, 0, 0, 3, 4, 0, 0};
        Path path = dir.resolve("strided.txt");
        Word2VecFormat.write(vocabulary, matrix, 2, 4, path, Word2VecFormat.Encoding.TEXT);
        assertEquals("2 2\na 1.0 2.0\nb 3.0 4.0\n", Files.readString(path));
        Embeddings read = Word2VecFormat.read(path);
        assertArrayEquals(new float[] {1, 2, 3, 4}, read.input());
    }

    @Test
    void binaryFileHasWord2VecsLayout() throws IOException {
        Vocabulary vocabulary = Vocabulary.ofOrdered(new String[] {"a", "b"}, new long[2]);
        Path path = dir.resolve("v.bin");
        Word2VecFormat.write(vocabulary, new float[] {1, 2, 3, 4}, 2, 2, path, Word2VecFormat.Encoding.BINARY);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write("2 2\na ".getBytes(StandardCharsets.US_ASCII));
        expected.write(littleEndian(1, 2));
        expected.write("\nb ".getBytes(StandardCharsets.US_ASCII));
        expected.write(littleEndian(3, 4));
        expected.write('\n');
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(path));
    }

    @Test
    void contextPathNames() {
        assertEquals(dir.resolve("v.context.bin"), Word2VecFormat.contextPathFor(dir.resolve("v.bin")));
        assertEquals(dir.resolve("vectors.context"), Word2VecFormat.contextPathFor(dir.resolve("vectors")));
        assertEquals(dir.resolve("model.vec.context.txt"),
                Word2VecFormat.contextPathFor(dir.resolve("model.vec.txt")));
        assertEquals(Path.of("v.context.bin"), Word2VecFormat.contextPathFor(Path.of("v.bin")));
    }

    @ParameterizedTest
    @EnumSource(Word2VecFormat.Encoding.class)
    void writeModelWritesTheContextTwinAndReadModelReadsBoth(Word2VecFormat.Encoding encoding) throws IOException {
        Path path = dir.resolve("v.bin");
        Word2VecFormat.writeModel(model(true), path, encoding);
        assertTrue(Files.exists(dir.resolve("v.context.bin")));

        Embeddings read = Word2VecFormat.readModel(path);
        assertArrayEquals(TOKENS, tokens(read));
        assertTrue(read.hasOutput());
        assertBitIdentical(INPUT, read.input());
        assertBitIdentical(OUTPUT, read.output());

        Embeddings contextOnly = Word2VecFormat.read(dir.resolve("v.context.bin"));
        assertArrayEquals(TOKENS, tokens(contextOnly));
        assertBitIdentical(OUTPUT, contextOnly.input());
    }

    @Test
    void modelWithoutOutputWritesNoContextFileAndReadsWithoutOutput() throws IOException {
        Path path = dir.resolve("vectors");
        Word2VecFormat.writeModel(model(false), path, Word2VecFormat.Encoding.TEXT);
        assertFalse(Files.exists(dir.resolve("vectors.context")));
        Embeddings read = Word2VecFormat.readModel(path);
        assertFalse(read.hasOutput());
        assertBitIdentical(INPUT, read.input());
    }

    @Test
    void writeCreatesMissingDirectories() throws IOException {
        Path path = dir.resolve("a/b/v.txt");
        Word2VecFormat.writeModel(model(true), path, Word2VecFormat.Encoding.TEXT);
        assertTrue(Files.exists(path));
        assertTrue(Files.exists(dir.resolve("a/b/v.context.txt")));
    }

    @Test
    void encodingIsDetectedWhateverTheFileName() throws IOException {
        Path binaryNamedTxt = dir.resolve("binary.txt");
        Path textNamedBin = dir.resolve("text.bin");
        Embeddings original = model(false);
        Word2VecFormat.write(original.vocabulary(), original.input(), 3, 3, binaryNamedTxt,
                Word2VecFormat.Encoding.BINARY);
        Word2VecFormat.write(original.vocabulary(), original.input(), 3, 3, textNamedBin,
                Word2VecFormat.Encoding.TEXT);
        assertTrue(Files.readString(textNamedBin).startsWith("4 3\nthe 1.4E-45 "), "the text file is text");
        assertBitIdentical(INPUT, Word2VecFormat.read(binaryNamedTxt).input());
        assertBitIdentical(INPUT, Word2VecFormat.read(textNamedBin).input());
    }

    @Test
    void readsAHandWrittenWord2VecBinaryFile() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("2 3\n".getBytes(StandardCharsets.US_ASCII));
        bytes.write("a ".getBytes(StandardCharsets.US_ASCII));
        bytes.write(littleEndian(1.5f, -2f, 0.25f));
        bytes.write('\n');
        bytes.write("b ".getBytes(StandardCharsets.US_ASCII));
        // 10.0f is 0x41200000: its bytes hold 0x20, a space, which must not end the vector.
        bytes.write(littleEndian(10f, 1f / 3, -7f));
        bytes.write('\n');
        Embeddings read = Word2VecFormat.read(write("w2v.bin", bytes.toByteArray()));
        assertArrayEquals(new String[] {"a", "b"}, tokens(read));
        assertEquals(3, read.dim());
        assertBitIdentical(new float[] {1.5f, -2f, 0.25f, 10f, 1f / 3, -7f}, read.input());
    }

    @Test
    void readsABinaryFileWhoseFloatsContainNewlineBytes() throws IOException {
        // 0x0A0A0A0A is a valid float whose every byte is '\n'.
        float newlines = Float.intBitsToFloat(0x0A0A0A0A);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("2 2\na ".getBytes(StandardCharsets.US_ASCII));
        bytes.write(littleEndian(newlines, newlines));
        bytes.write("\nb ".getBytes(StandardCharsets.US_ASCII));
        bytes.write(littleEndian(1, newlines));
        bytes.write('\n');
        Embeddings read = Word2VecFormat.read(write("nl.bin", bytes.toByteArray()));
        assertArrayEquals(new String[] {"a", "b"}, tokens(read));
        assertBitIdentical(new float[] {newlines, newlines, 1, newlines}, read.input());
    }

    @Test
    void readsABinaryFileWithoutRecordNewlines() throws IOException {
        // gensim accepts records without the trailing newline; so does the reader, as it skips whitespace.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("2 1\na ".getBytes(StandardCharsets.US_ASCII));
        bytes.write(littleEndian(3f));
        bytes.write("b ".getBytes(StandardCharsets.US_ASCII));
        bytes.write(littleEndian(-3f));
        Embeddings read = Word2VecFormat.read(write("nonl.bin", bytes.toByteArray()));
        assertArrayEquals(new String[] {"a", "b"}, tokens(read));
        assertArrayEquals(new float[] {3f, -3f}, read.input());
    }

    @Test
    void readsAHandWrittenTextFileWithTabsAndCrLf() throws IOException {
        Embeddings read = Word2VecFormat.read(write("v.txt", "2 2\r\na 1 -2.5\r\nb\t3e-3\t4 \r\n"));
        assertArrayEquals(new String[] {"a", "b"}, tokens(read));
        assertArrayEquals(new float[] {1f, -2.5f, 3e-3f, 4f}, read.input());
    }

    @Test
    void readsAGzipCompressedTextFile() throws IOException {
        Path path = dir.resolve("v.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(path))) {
            out.write("3 2\nx 0.5 1\ny -1 2\nz 3 0.125\n".getBytes(StandardCharsets.UTF_8));
        }
        Embeddings read = Word2VecFormat.read(path);
        assertArrayEquals(new String[] {"x", "y", "z"}, tokens(read));
        assertArrayEquals(new float[] {0.5f, 1, -1, 2, 3, 0.125f}, read.input());
    }

    @Test
    void readsAGzipCompressedBinaryFile() throws IOException {
        Path plain = dir.resolve("plain.bin");
        Embeddings original = model(false);
        Word2VecFormat.write(original.vocabulary(), original.input(), 3, 3, plain, Word2VecFormat.Encoding.BINARY);
        Path gz = dir.resolve("v.bin.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(plain));
        }
        Embeddings read = Word2VecFormat.read(gz);
        assertArrayEquals(TOKENS, tokens(read));
        assertBitIdentical(INPUT, read.input());
    }

    @Test
    void emptyVocabularyRoundTrips() throws IOException {
        Path path = write("zero.txt", "0 5\n");
        Embeddings read = Word2VecFormat.read(path);
        assertEquals(0, read.size());
        assertEquals(5, read.dim());
    }

    @Test
    void missingFileFails() {
        InputFormatException e = readFails(dir.resolve("nope.bin"));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
        InputFormatException model = assertThrows(InputFormatException.class,
                () -> Word2VecFormat.readModel(dir.resolve("nope.bin")));
        assertTrue(model.getMessage().contains("file not found"), model.getMessage());
    }

    @Test
    void emptyFileFails() throws IOException {
        Path path = write("empty.bin", "");
        InputFormatException e = readFails(path);
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }

    @Test
    void nonNumericHeaderFails() throws IOException {
        InputFormatException e = readFails(write("h.txt", "abc\na 1 2\n"));
        assertTrue(e.getMessage().contains("header 'abc'"), e.getMessage());
        assertTrue(e.getMessage().contains("<count> <dim>"), e.getMessage());
    }

    @Test
    void headerWithOneFieldFails() throws IOException {
        InputFormatException e = readFails(write("h.txt", "2\na 1 2\n"));
        assertTrue(e.getMessage().contains("header '2'"), e.getMessage());
    }

    @Test
    void headerWithImpossibleSizesFails() throws IOException {
        InputFormatException e = readFails(write("h.txt", "2 0\n"));
        assertTrue(e.getMessage().contains("not possible"), e.getMessage());
        assertThrows(InputFormatException.class, () -> Word2VecFormat.read(write("h2.txt", "-1 3\n")));
    }

    @Test
    void truncatedBinaryFileFails() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("2 3\na ".getBytes(StandardCharsets.US_ASCII));
        bytes.write(littleEndian(1, 2, 3));
        bytes.write("\nb ".getBytes(StandardCharsets.US_ASCII));
        bytes.write(Arrays.copyOf(littleEndian(4, 5, 6), 7));
        InputFormatException e = readFails(write("t.bin", bytes.toByteArray()));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
        assertTrue(e.getMessage().contains("item 2 of 2"), e.getMessage());
    }

    @Test
    void textRecordWithTooFewValuesFails() throws IOException {
        InputFormatException e = readFails(write("v.txt", "2 3\na 1 2 3\nb 4 5\n"));
        assertTrue(e.getMessage().contains("'b' has 2 values"), e.getMessage());
        assertTrue(e.getMessage().contains("header says 3"), e.getMessage());
    }

    @Test
    void textRecordWithTooManyValuesFails() throws IOException {
        InputFormatException e = readFails(write("v.txt", "2 2\na 1 2\nb 4 5 6\n"));
        assertTrue(e.getMessage().contains("'b' has 3 values"), e.getMessage());
    }

    @Test
    void firstTextRecordWithTooFewValuesFailsWithAClearMessage() throws IOException {
        InputFormatException e = readFails(write("v.txt", "2 3\na 1 2\nb 4 5 6\n"));
        assertTrue(e.getMessage().contains("'a' has 2 values"), e.getMessage());
    }

    @Test
    void firstTextRecordWithTooManyValuesIsNotReadAsGarbage() throws IOException {
        Path path = write("v.txt", "2 2\na 1 2 3\nb 4 5\nc 6 7\n");
        InputFormatException e = readFails(path);
        assertTrue(e.getMessage().contains("'a' has 3 values"), e.getMessage());
    }

    @Test
    void textRecordWithoutAnyValueFails() throws IOException {
        InputFormatException e = readFails(write("v.txt", "2 2\na 1 2\nb\n"));
        assertTrue(e.getMessage().contains("'b' has no vector"), e.getMessage());
    }

    @Test
    void nonNumericValueFails() throws IOException {
        InputFormatException e = readFails(write("v.txt", "2 3\na 1 2 3\nb 4 five 6\n"));
        assertTrue(e.getMessage().contains("'five' is not a number"), e.getMessage());
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
    }

    @Test
    void duplicateTokenFails() throws IOException {
        InputFormatException e = readFails(write("v.txt", "3 2\na 1 2\nb 3 4\na 5 6\n"));
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
        assertTrue(e.getMessage().contains("a"), e.getMessage());
    }

    @Test
    void fewerRecordsThanTheHeaderSaysFails() throws IOException {
        InputFormatException e = readFails(write("v.txt", "3 2\na 1 2\nb 3 4\n"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("promises 3 vectors, found 2"), e.getMessage());
    }

    @Test
    void contextFileWithDifferentItemsFails() throws IOException {
        Path path = write("v.txt", "2 2\na 1 2\nb 3 4\n");
        write("v.context.txt", "2 2\na 1 2\nc 3 4\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> Word2VecFormat.readModel(path));
        assertTrue(e.getMessage().contains("'c'"), e.getMessage());
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
        assertTrue(e.getMessage().contains("v.context.txt"), e.getMessage());
    }

    @Test
    void contextFileWithDifferentSizeFails() throws IOException {
        Path path = write("v.txt", "2 2\na 1 2\nb 3 4\n");
        write("v.context.txt", "1 2\na 1 2\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> Word2VecFormat.readModel(path));
        assertTrue(e.getMessage().contains("1 × 2"), e.getMessage());
        assertTrue(e.getMessage().contains("2 × 2"), e.getMessage());
    }

    @Test
    void errorMessagesSayWhereInTheFile() throws IOException {
        InputFormatException e = readFails(write("v.txt", "2 2\na 1 2\nb x 4\n"));
        assertTrue(e.getMessage().contains("near byte"), e.getMessage());
    }
}
