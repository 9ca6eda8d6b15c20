package org.item2vec.learn.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.item2vec.learn.io.InputFormatException;
import org.item2vec.learn.vocab.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextSessionReaderTest {
    @TempDir
    Path dir;

    private static Corpus read(String text) throws IOException {
        CorpusBuilder builder = new CorpusBuilder();
        TextSessionReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.txt", builder);
        return builder.build(1);
    }

    /** The sessions of a corpus as lists of tokens. */
    static List<List<String>> sessions(Corpus corpus) {
        Vocabulary vocabulary = corpus.vocabulary();
        List<List<String>> out = new ArrayList<>();
        for (int s = 0; s < corpus.sessionCount(); s++) {
            List<String> session = new ArrayList<>();
            for (int p = corpus.sessionStart(s); p < corpus.sessionEnd(s); p++) {
                session.add(vocabulary.token(corpus.tokens()[p]));
            }
            out.add(session);
        }
        return out;
    }

    private static String booked(Corpus corpus, int session) {
        int item = corpus.bookedItem(session);
        return item == Corpus.NOT_BOOKED ? null : corpus.vocabulary().token(item);
    }

    @Test
    void oneSessionPerLine() throws IOException {
        Corpus corpus = read("a b c\nd e\nf\n");
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e"), List.of("f")), sessions(corpus));
        assertEquals(6, corpus.tokenCount());
        assertEquals(Corpus.NOT_BOOKED, corpus.bookedItem(0));
    }

    @Test
    void lastLineWithoutNewlineIsRead() throws IOException {
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), sessions(read("a b\nc d")));
    }

    @Test
    void blankLinesAreIgnored() throws IOException {
        Corpus corpus = read("\na b\n\n   \n\t\nc d\n\n");
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), sessions(corpus));
    }

    @Test
    void tabsMultipleSpacesAndCarriageReturnsSeparateTokens() throws IOException {
        Corpus corpus = read("  a\t\tb   c \r\nd\te\r\n");
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e")), sessions(corpus));
        assertEquals(-1, corpus.vocabulary().indexOf("c\r"));
    }

    @Test
    void utf8TokensSurvive() throws IOException {
        Corpus corpus = read("café 東京\n");
        assertEquals(List.of(List.of("café", "東京")), sessions(corpus));
    }

    @Test
    void bookingMarkerMarksTheBookedItem() throws IOException {
        Corpus corpus = read("a b c => c\nd e\nf g =>  h\n");
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e"), List.of("f", "g")), sessions(corpus));
        assertEquals("c", booked(corpus, 0));
        assertEquals(null, booked(corpus, 1));
        assertEquals("h", booked(corpus, 2));
        // the booked item is one more occurrence of it, but not a token of the session
        assertEquals(2, corpus.vocabulary().count(corpus.vocabulary().indexOf("c")));
        assertEquals(1, corpus.vocabulary().count(corpus.vocabulary().indexOf("h")));
    }

    @Test
    void danglingBookingMarkerFailsWithLineNumber() {
        InputFormatException e = assertThrows(InputFormatException.class, () -> read("a b\n\nc d =>\n"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("test.txt"), e.getMessage());
    }

    @Test
    void danglingBookingMarkerOnLastLineWithoutNewlineFails() {
        InputFormatException e = assertThrows(InputFormatException.class, () -> read("a b\nc d =>"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void twoItemsAfterBookingMarkerFailWithLineNumber() {
        InputFormatException e = assertThrows(InputFormatException.class, () -> read("x y\na b => c d\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("'d'"), e.getMessage());
    }

    @Test
    void bookingMarkerWithoutItemsBeforeItFailsWithLineNumber() {
        InputFormatException e = assertThrows(InputFormatException.class, () -> read("a b\nx y\n=> c\n"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void readsAFile() throws IOException {
        Path file = dir.resolve("sessions.txt");
        Files.writeString(file, "a b\nb c => b\n");
        CorpusBuilder builder = new CorpusBuilder();
        TextSessionReader.read(file, builder);
        Corpus corpus = builder.build(1);
        assertEquals(List.of(List.of("a", "b"), List.of("b", "c")), sessions(corpus));
        assertEquals("b", booked(corpus, 1));
    }

    @Test
    void readsAGzipFileTransparently() throws IOException {
        Path file = dir.resolve("sessions.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a b c => c\nd e\n".getBytes(StandardCharsets.UTF_8));
        }
        CorpusBuilder builder = new CorpusBuilder();
        TextSessionReader.read(file, builder);
        Corpus corpus = builder.build(1);
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e")), sessions(corpus));
        assertEquals("c", booked(corpus, 0));
    }

    @Test
    void errorMessageNamesTheFile() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, "a b =>\n");
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> TextSessionReader.read(file, new CorpusBuilder()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void missingFileFails() {
        Path missing = dir.resolve("nope.txt");
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> TextSessionReader.read(missing, new CorpusBuilder()));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
        assertTrue(e.getMessage().contains("nope.txt"), e.getMessage());
    }

    @Test
    void longSessionsAreChunkedByTheBuilder() throws IOException {
        CorpusBuilder builder = new CorpusBuilder(2);
        TextSessionReader.read(new ByteArrayInputStream("a b c d e => e\n".getBytes(StandardCharsets.UTF_8)),
                "t", builder);
        Corpus corpus = builder.build(1);
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e")), sessions(corpus));
        int e = corpus.vocabulary().indexOf("e");
        assertArrayEquals(new int[] {e, e, e}, corpus.bookedItems());
    }
}
