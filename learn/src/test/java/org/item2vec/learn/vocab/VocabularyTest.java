package org.item2vec.learn.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    @Test
    void fromCountsSortsByDescendingCountThenToken() {
        Vocabulary vocabulary = Vocabulary.fromCounts(
                Map.of("d", 2L, "b", 5L, "c", 2L, "a", 2L, "e", 9L), 1);
        assertEquals(5, vocabulary.size());
        String[] order = new String[vocabulary.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = vocabulary.token(i);
        }
        assertArrayEquals(new String[] {"e", "b", "a", "c", "d"}, order);
        assertArrayEquals(new long[] {9, 5, 2, 2, 2}, vocabulary.counts());
        assertEquals(2, vocabulary.indexOf("a"));
    }

    @Test
    void minCountIsInclusive() {
        Vocabulary vocabulary = Vocabulary.fromCounts(Map.of("a", 3L, "b", 2L, "c", 1L), 2);
        assertEquals(2, vocabulary.size());
        assertTrue(vocabulary.contains("b"));
        assertFalse(vocabulary.contains("c"));
        assertEquals(-1, vocabulary.indexOf("c"));
        assertEquals(5, vocabulary.totalCount());
    }

    @Test
    void ofOrderedKeepsTheGivenOrderAndCopiesItsInput() {
        String[] tokens = {"x", "y", "z"};
        long[] counts = {1, 7, 0};
        Vocabulary vocabulary = Vocabulary.ofOrdered(tokens, counts);
        tokens[0] = "changed";
        counts[0] = 100;
        assertEquals("x", vocabulary.token(0));
        assertEquals(1, vocabulary.count(0));
        assertEquals(1, vocabulary.indexOf("y"));
        assertEquals(8, vocabulary.totalCount());
    }

    @Test
    void countsReturnsACopy() {
        Vocabulary vocabulary = Vocabulary.ofOrdered(new String[] {"a"}, new long[] {4});
        vocabulary.counts()[0] = 99;
        assertEquals(4, vocabulary.count(0));
    }

    @Test
    void duplicateTokensAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Vocabulary.ofOrdered(new String[] {"a", "b", "a"}, new long[3]));
        assertTrue(e.getMessage().contains("a"), e.getMessage());
    }

    @Test
    void mismatchedLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Vocabulary.ofOrdered(new String[] {"a", "b"}, new long[1]));
    }
}
