package org.item2vec.learn.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.item2vec.learn.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

class CorpusBuilderTest {
    private static List<List<String>> sessions(Corpus corpus) {
        return TextSessionReaderTest.sessions(corpus);
    }

    @Test
    void minCountDropsRareTokensFromVocabularyAndSessions() {
        CorpusBuilder builder = new CorpusBuilder();
        builder.addSession(List.of("a", "rare", "b", "a"), null);
        builder.addSession(List.of("b", "a", "once"), null);
        Corpus corpus = builder.build(2);
        Vocabulary vocabulary = corpus.vocabulary();
        assertEquals(2, vocabulary.size());
        assertFalse(vocabulary.contains("rare"));
        assertFalse(vocabulary.contains("once"));
        assertEquals(-1, vocabulary.indexOf("rare"));
        assertEquals(List.of(List.of("a", "b", "a"), List.of("b", "a")), sessions(corpus));
        assertEquals(5, corpus.tokenCount());
        assertEquals(7, builder.tokensAdded());
    }

    @Test
    void vocabularyIsSortedByDescendingCountThenToken() {
        CorpusBuilder builder = new CorpusBuilder();
        builder.addSession(List.of("z", "y", "x", "y", "z", "w", "z"), null);
        Vocabulary vocabulary = builder.build(1).vocabulary();
        // z:3, y:2, then x and w with 1 each, by token
        assertEquals("z", vocabulary.token(0));
        assertEquals("y", vocabulary.token(1));
        assertEquals("w", vocabulary.token(2));
        assertEquals("x", vocabulary.token(3));
        assertArrayEquals(new long[] {3, 2, 1, 1}, vocabulary.counts());
    }

    @Test
    void tokensAreEncodedWithFinalIndices() {
        CorpusBuilder builder = new CorpusBuilder();
        builder.addSession(List.of("rare", "common", "common"), null);
        Corpus corpus = builder.build(1);
        // "common" is index 0 although it was seen second
        assertArrayEquals(new int[] {1, 0, 0}, corpus.tokens());
        assertArrayEquals(new int[] {0, 3}, corpus.sessionStarts());
    }

    @Test
    void longSessionsAreChunkedAndEveryChunkKeepsTheBooking() {
        CorpusBuilder builder = new CorpusBuilder(3);
        builder.addSession(List.of("a", "b", "c", "d", "e", "f", "g"), "g");
        builder.addSession(List.of("x", "y"), null);
        Corpus corpus = builder.build(1);
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e", "f"), List.of("g"), List.of("x", "y")),
                sessions(corpus));
        int g = corpus.vocabulary().indexOf("g");
        assertArrayEquals(new int[] {g, g, g, Corpus.NOT_BOOKED}, corpus.bookedItems());
        assertEquals(3, corpus.longestSession());
    }

    @Test
    void sessionOfExactlyMaxLengthIsOneChunk() {
        CorpusBuilder builder = new CorpusBuilder(3);
        builder.addSession(List.of("a", "b", "c"), "a");
        Corpus corpus = builder.build(1);
        assertEquals(1, corpus.sessionCount());
        assertEquals(3, corpus.sessionLength(0));
    }

    @Test
    void bookingMarkedThroughTheStreamingApiReachesAllChunks() {
        CorpusBuilder builder = new CorpusBuilder(2);
        builder.startSession();
        for (String token : List.of("a", "b", "c", "d", "e")) {
            builder.addToken(token);
        }
        builder.markBooked("c");
        builder.endSession();
        builder.addSession(List.of("f", "g", "h"), null);
        Corpus corpus = builder.build(1);
        int c = corpus.vocabulary().indexOf("c");
        assertArrayEquals(new int[] {c, c, c, Corpus.NOT_BOOKED, Corpus.NOT_BOOKED}, corpus.bookedItems());
    }

    @Test
    void startingASessionWithoutEndingThePreviousOneStartsANewSession() {
        // The javadoc of startSession: tokens belong to a session "until the next call to this method".
        CorpusBuilder builder = new CorpusBuilder();
        builder.startSession();
        builder.addToken("a");
        builder.addToken("b");
        builder.startSession();
        builder.addToken("c");
        builder.addToken("d");
        builder.markBooked("d");
        builder.endSession();
        Corpus corpus = builder.build(1);
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), sessions(corpus));
        assertEquals(Corpus.NOT_BOOKED, corpus.bookedItem(0), "the booking belongs to the second session only");
        assertEquals(corpus.vocabulary().indexOf("d"), corpus.bookedItem(1));
    }

    @Test
    void sessionsThatBecomeEmptyAreDropped() {
        CorpusBuilder builder = new CorpusBuilder();
        builder.addSession(List.of("a", "b"), null);
        builder.addSession(List.of("rare1", "rare2"), null);
        builder.addSession(List.of("b", "a"), "a");
        Corpus corpus = builder.build(2);
        assertEquals(2, corpus.sessionCount());
        assertEquals(List.of(List.of("a", "b"), List.of("b", "a")), sessions(corpus));
        int a = corpus.vocabulary().indexOf("a");
        assertArrayEquals(new int[] {Corpus.NOT_BOOKED, a}, corpus.bookedItems());
        assertArrayEquals(new int[] {0, 2, 4}, corpus.sessionStarts());
    }

    @Test
    void bookingOfARareItemIsDropped() {
        CorpusBuilder builder = new CorpusBuilder();
        builder.addSession(List.of("a", "b"), "rare");
        builder.addSession(List.of("a", "b"), null);
        Corpus corpus = builder.build(2);
        assertEquals(Corpus.NOT_BOOKED, corpus.bookedItem(0));
    }

    @Test
    void bookingCountsAsAnOccurrence() {
        CorpusBuilder builder = new CorpusBuilder();
        builder.addSession(List.of("a", "b"), "c");
        Corpus corpus = builder.build(1);
        assertEquals(1, corpus.vocabulary().count(corpus.vocabulary().indexOf("c")));
        assertEquals(corpus.vocabulary().indexOf("c"), corpus.bookedItem(0));
        assertEquals(3, corpus.vocabulary().totalCount());
    }

    @Test
    void totalCountIsTheNumberOfKeptTokens() {
        CorpusBuilder builder = new CorpusBuilder();
        builder.addSession(List.of("a", "a", "b", "c", "a", "b"), null);
        Corpus corpus = builder.build(2);
        assertEquals(5, corpus.vocabulary().totalCount());
        assertEquals(corpus.tokenCount(), corpus.vocabulary().totalCount());
    }

    @Test
    void manyDistinctTokensGrowTheInternalArrays() {
        CorpusBuilder builder = new CorpusBuilder();
        builder.startSession();
        for (int i = 0; i < 3000; i++) {
            builder.addToken("t" + i);
            builder.addToken("t" + i);
        }
        builder.endSession();
        Corpus corpus = builder.build(2);
        assertEquals(3000, corpus.vocabulary().size());
        assertEquals(6000, corpus.tokenCount());
        assertEquals(6000, corpus.vocabulary().totalCount());
    }

    @Test
    void markBookedOutsideASessionFails() {
        CorpusBuilder builder = new CorpusBuilder();
        assertThrows(IllegalStateException.class, () -> builder.markBooked("a"));
    }

    @Test
    void maxSessionLengthBelowTwoIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CorpusBuilder(1));
    }

    @Test
    void emptyBuilderGivesEmptyCorpus() {
        Corpus corpus = new CorpusBuilder().build(1);
        assertEquals(0, corpus.sessionCount());
        assertEquals(0, corpus.vocabulary().size());
        assertArrayEquals(new int[] {0}, corpus.sessionStarts());
    }
}
