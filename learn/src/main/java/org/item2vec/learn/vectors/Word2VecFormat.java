package org.item2vec.learn.vectors;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.item2vec.learn.io.InputFiles;
import org.item2vec.learn.io.InputFormatException;
import org.item2vec.learn.vocab.Vocabulary;

/**
 * word2vec's vector files, as written by {@code word2vec.c} and read by gensim's
 * {@code KeyedVectors.load_word2vec_format}: a header line {@code "<count> <dim>"}, then one record per item,
 * either text ({@code "item v1 v2 ... vd\n"}) or binary ({@code "item "}, {@code dim} little-endian float32,
 * {@code "\n"}).
 *
 * <p>Reading detects which of the two a file is. The output (context) vectors of a model are written to a
 * second file in the same format, named by {@link #contextPathFor}.
 */
public final class Word2VecFormat {
    /** How vectors are encoded in the file. */
    public enum Encoding { TEXT, BINARY }

    private static final int MAX_TOKEN_BYTES = 10_000;

    private Word2VecFormat() {
    }

    /** The file that holds the output vectors of a model whose input vectors go to {@code vectorsPath}. */
    public static Path contextPathFor(Path vectorsPath) {
        String name = vectorsPath.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String contextName = dot > 0 ? name.substring(0, dot) + ".context" + name.substring(dot) : name + ".context";
        return vectorsPath.resolveSibling(contextName);
    }

    /** Writes the input vectors to {@code path} and, when the model has them, the output vectors beside it. */
    public static void writeModel(Embeddings model, Path path, Encoding encoding) throws IOException {
        write(model.vocabulary(), model.input(), model.dim(), model.stride(), path, encoding);
        if (model.hasOutput()) {
            write(model.vocabulary(), model.output(), model.dim(), model.stride(), contextPathFor(path), encoding);
        }
    }

    public static void write(Vocabulary vocabulary, float[] matrix, int dim, int stride, Path path,
                             Encoding encoding) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            out.write((vocabulary.size() + " " + dim + "\n").getBytes(StandardCharsets.UTF_8));
            ByteBuffer floats = ByteBuffer.allocate(dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            StringBuilder line = new StringBuilder();
            for (int item = 0; item < vocabulary.size(); item++) {
                int row = item * stride;
                if (encoding == Encoding.BINARY) {
                    out.write((vocabulary.token(item) + " ").getBytes(StandardCharsets.UTF_8));
                    floats.clear();
                    for (int i = 0; i < dim; i++) {
                        floats.putFloat(matrix[row + i]);
                    }
                    out.write(floats.array());
                    out.write('\n');
                } else {
                    line.setLength(0);
                    line.append(vocabulary.token(item));
                    for (int i = 0; i < dim; i++) {
                        line.append(' ').append(matrix[row + i]);
                    }
                    line.append('\n');
                    out.write(line.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    /**
     * Reads a model: input vectors from {@code path}, output vectors from its {@link #contextPathFor context
     * file} when that exists (it must then hold the same items in the same order).
     */
    public static Embeddings readModel(Path path) throws IOException {
        Embeddings input = read(path);
        Path contextPath = contextPathFor(path);
        if (!Files.exists(contextPath)) {
            return input;
        }
        Embeddings context = read(contextPath);
        if (context.size() != input.size() || context.dim() != input.dim()) {
            throw new InputFormatException(contextPath + " holds " + context.size() + " × " + context.dim()
                    + " vectors, but " + path + " holds " + input.size() + " × " + input.dim());
        }
        for (int i = 0; i < input.size(); i++) {
            if (!input.vocabulary().token(i).equals(context.vocabulary().token(i))) {
                throw new InputFormatException(contextPath + " item " + (i + 1) + " is '"
                        + context.vocabulary().token(i) + "', " + path + " has '" + input.vocabulary().token(i) + "'");
            }
        }
        return new Embeddings(input.vocabulary(), input.dim(), input.stride(), input.input(), context.input());
    }

    /** Reads vectors in either encoding; the result has no output vectors. */
    public static Embeddings read(Path path) throws IOException {
        try (InputStream in = InputFiles.open(path)) {
            return new Reader(in, path.toString()).read();
        }
    }

    /** Reads one file, tracking its position for error messages. */
    private static final class Reader {
        private final InputStream in;
        private final String source;
        private long offset;

        Reader(InputStream in, String source) {
            this.in = in;
            this.source = source;
        }

        Embeddings read() throws IOException {
            String header = readLine();
            if (header == null) {
                throw error("is empty; expected a header line '<count> <dim>'");
            }
            String[] parts = header.trim().split("\\s+");
            int count;
            int dim;
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                count = Integer.parseInt(parts[0]);
                dim = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw error("header '" + abbreviate(header) + "' is not '<count> <dim>'");
            }
            if (count < 0 || dim < 1 || (long) count * dim > Integer.MAX_VALUE - 16) {
                throw error("header declares " + count + " vectors of " + dim + " dimensions, which is not possible");
            }
            String[] tokens = new String[count];
            float[] matrix = new float[count * dim];
            Encoding encoding = null;
            for (int item = 0; item < count; item++) {
                String first = readToken(item, count);
                if (encoding == null) {
                    encoding = detectEncoding(dim);
                }
                tokens[item] = first;
                if (encoding == Encoding.BINARY) {
                    readBinaryVector(matrix, item * dim, dim, first, item, count);
                } else {
                    readTextVector(matrix, item * dim, dim, first);
                }
            }
            try {
                return new Embeddings(Vocabulary.ofOrdered(tokens, new long[count]), dim, dim, matrix, null);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        /**
         * Looks at the rest of the first record without consuming it. A text record continues with printable
         * characters, a number among them, up to a newline; a binary one with {@code dim} raw floats, whose
         * bytes are almost never like that (and may even be newlines). Whether a text record holds the right
         * numbers is checked while reading it, so a malformed first record is reported as such instead of
         * being read as binary.
         */
        private Encoding detectEncoding(int dim) throws IOException {
            int limit = dim * 64 + 64;
            in.mark(limit);
            byte[] line = new byte[limit];
            int length = 0;
            boolean ended = false;
            try {
                while (length < limit && !ended) {
                    int b = in.read();
                    ended = b == '\n';
                    boolean printable = (b >= 0x20 && b < 0x7f) || b == '\t' || b == '\r';
                    if (!ended && !printable) {
                        return Encoding.BINARY;
                    }
                    if (!ended) {
                        line[length++] = (byte) b;
                    }
                }
            } finally {
                in.reset();
            }
            return ended && startsWithNumber(new String(line, 0, length, StandardCharsets.US_ASCII))
                    ? Encoding.TEXT : Encoding.BINARY;
        }

        private static boolean startsWithNumber(String text) {
            String[] values = text.trim().split("[ \t]+", 2);
            try {
                Float.parseFloat(values[0]);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private void readTextVector(float[] matrix, int at, int dim, String token) throws IOException {
            String line = readLine();
            String[] values = line == null ? new String[0] : line.trim().split("[ \t]+");
            if (values.length != dim || (dim > 0 && values[0].isEmpty())) {
                throw error("vector of '" + token + "' has " + (line == null || line.isBlank() ? 0 : values.length)
                        + " values, the header says " + dim);
            }
            for (int i = 0; i < dim; i++) {
                try {
                    matrix[at + i] = Float.parseFloat(values[i]);
                } catch (NumberFormatException e) {
                    throw error("vector of '" + token + "': '" + abbreviate(values[i]) + "' is not a number");
                }
            }
        }

        private void readBinaryVector(float[] matrix, int at, int dim, String token, int item, int count)
                throws IOException {
            byte[] bytes = new byte[dim * Float.BYTES];
            int filled = 0;
            while (filled < bytes.length) {
                int n = in.read(bytes, filled, bytes.length - filled);
                if (n < 0) {
                    throw error("is truncated inside the vector of '" + token + "' (item " + (item + 1) + " of "
                            + count + ")");
                }
                filled += n;
            }
            offset += bytes.length;
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(matrix, at, dim);
        }

        /** Reads a token up to a space, skipping the newline (or other whitespace) that ends a record. */
        private String readToken(int item, int count) throws IOException {
            byte[] bytes = new byte[64];
            int length = 0;
            int b;
            do {
                b = next();
            } while (b == '\n' || b == '\r' || b == ' ' || b == '\t');
            while (b != ' ' && b != '\t') {
                if (b < 0) {
                    throw error("is truncated: the header promises " + count + " vectors, found " + item);
                }
                if (b == '\n') {
                    throw error("item " + (item + 1) + " '" + new String(bytes, 0, length, StandardCharsets.UTF_8)
                            + "' has no vector");
                }
                if (length == MAX_TOKEN_BYTES) {
                    throw error("item " + (item + 1) + " is longer than " + MAX_TOKEN_BYTES + " bytes");
                }
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, length * 2);
                }
                bytes[length++] = (byte) b;
                b = next();
            }
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }

        private String readLine() throws IOException {
            int b = next();
            if (b < 0) {
                return null;
            }
            byte[] bytes = new byte[128];
            int length = 0;
            while (b >= 0 && b != '\n') {
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, length * 2);
                }
                bytes[length++] = (byte) b;
                b = next();
            }
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }

        private int next() throws IOException {
            int b = in.read();
            if (b >= 0) {
                offset++;
            }
            return b;
        }

        private InputFormatException error(String what) {
            return new InputFormatException(source + " " + what + " (near byte " + offset + ")");
        }

        private static String abbreviate(String text) {
            return text.length() > 60 ? text.substring(0, 60) + "…" : text;
        }
    }
}
