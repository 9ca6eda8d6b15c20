package org.item2vec.learn.corpus;

import org.item2vec.learn.vocab.Vocabulary;

/**
 * Sessions encoded as vocabulary indices, laid out flat for the training loop.
 *
 * <p>Session {@code s} is {@code tokens[sessionStarts[s] .. sessionStarts[s + 1])}; {@code booked[s]} is
 * the index of the item the session ended in a booking of, or {@link #NOT_BOOKED}. Tokens outside the
 * vocabulary (below min-count) are already removed, as word2vec removes them while reading.
 */
public final class Corpus {
    public static final int NOT_BOOKED = -1;

    private final Vocabulary vocabulary;
    private final int[] tokens;
    private final int[] sessionStarts;
    private final int[] booked;

    Corpus(Vocabulary vocabulary, int[] tokens, int[] sessionStarts, int[] booked) {
        this.vocabulary = vocabulary;
        this.tokens = tokens;
        this.sessionStarts = sessionStarts;
        this.booked = booked;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public int sessionCount() {
        return booked.length;
    }

    public long tokenCount() {
        return tokens.length;
    }

    public int sessionStart(int session) {
        return sessionStarts[session];
    }

    public int sessionEnd(int session) {
        return sessionStarts[session + 1];
    }

    public int sessionLength(int session) {
        return sessionStarts[session + 1] - sessionStarts[session];
    }

    public int longestSession() {
        int longest = 0;
        for (int s = 0; s < booked.length; s++) {
            longest = Math.max(longest, sessionLength(s));
        }
        return longest;
    }

    public int bookedItem(int session) {
        return booked[session];
    }

    /** The flat token array; callers must not modify it. */
    public int[] tokens() {
        return tokens;
    }

    /** The session boundaries (length {@code sessionCount() + 1}); callers must not modify it. */
    public int[] sessionStarts() {
        return sessionStarts;
    }

    /** The booked item per session; callers must not modify it. */
    public int[] bookedItems() {
        return booked;
    }
}
