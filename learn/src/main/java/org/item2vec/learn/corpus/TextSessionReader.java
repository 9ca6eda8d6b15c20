package org.item2vec.learn.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.item2vec.learn.io.InputFiles;
import org.item2vec.learn.io.InputFormatException;
import org.item2vec.learn.io.InputProblems;

/**
 * Reads a corpus of sessions: one session per line, tokens separated by whitespace.
 *
 * <p>A line may end with {@code => ITEM} to say that the session ended in a booking of {@code ITEM}.
 * Lines can be arbitrarily long (text8 is one 100 MB line): the reader streams bytes and never holds a
 * whole line, and the {@link CorpusBuilder} cuts long sessions into chunks.
 */
public final class TextSessionReader {
    /** The token that introduces a session's booked item. */
    public static final String BOOKING_MARKER = "=>";

    private TextSessionReader() {
    }

    public static void read(Path path, CorpusBuilder builder) throws IOException {
        try (InputStream in = InputFiles.open(path)) {
            read(in, path.toString(), builder);
        }
    }

    static void read(InputStream in, String source, CorpusBuilder builder) throws IOException {
        byte[] token = new byte[256];
        int tokenLength = 0;
        LineState line = new LineState();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0b) {
                    if (tokenLength > 0) {
                        line.accept(new String(token, 0, tokenLength, StandardCharsets.UTF_8), builder, source);
                        tokenLength = 0;
                    }
                    if (b == '\n') {
                        line.end(builder, source);
                    }
                } else {
                    if (tokenLength == token.length) {
                        token = Arrays.copyOf(token, tokenLength * 2);
                    }
                    token[tokenLength++] = b;
                }
            }
        }
        if (tokenLength > 0) {
            line.accept(new String(token, 0, tokenLength, StandardCharsets.UTF_8), builder, source);
        }
        line.end(builder, source);
    }

    /** What the reader knows about the line it is in: its number and whether a booking marker was seen. */
    private static final class LineState {
        private long number = 1;
        private boolean open;
        private boolean expectingBookedItem;
        private boolean bookedItemSeen;

        void accept(String token, CorpusBuilder builder, String source) {
            if (bookedItemSeen) {
                throw new InputFormatException(source + " line " + number + ": only one item may follow '"
                        + BOOKING_MARKER + "', found another: '" + token + "'");
            }
            if (expectingBookedItem) {
                if (!open) {
                    throw new InputFormatException(source + " line " + number + ": '" + BOOKING_MARKER
                            + "' needs items before it");
                }
                builder.markBooked(token);
                bookedItemSeen = true;
            } else if (token.equals(BOOKING_MARKER)) {
                expectingBookedItem = true;
            } else {
                if (!open) {
                    builder.startSession();
                    open = true;
                }
                builder.addToken(token);
            }
        }

        void end(CorpusBuilder builder, String source) {
            if (expectingBookedItem && !bookedItemSeen) {
                throw new InputFormatException(source + " line " + number + ": '" + BOOKING_MARKER
                        + "' must be followed by the booked item");
            }
            if (open) {
                builder.endSession();
            }
            open = false;
            expectingBookedItem = false;
            bookedItemSeen = false;
            number++;
        }
    }
}
