package org.item2vec.learn.vocab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokens a model knows, each with its corpus count, indexed most frequent first.
 *
 * <p>Index order matters: word2vec writes vectors in this order, and evaluations that restrict
 * themselves to "the N most frequent tokens" simply take the first N indices.
 */
public final class Vocabulary {
    private final String[] tokens;
    private final long[] counts;
    private final Map<String, Integer> indexByToken;
    private final long totalCount;

    private Vocabulary(String[] tokens, long[] counts) {
        this.tokens = tokens;
        this.counts = counts;
        this.indexByToken = new HashMap<>(tokens.length * 2);
        long total = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (indexByToken.put(tokens[i], i) != null) {
                throw new IllegalArgumentException("duplicate token in vocabulary: " + tokens[i]);
            }
            total += counts[i];
        }
        this.totalCount = total;
    }

    /**
     * Keeps the tokens seen at least {@code minCount} times, sorted by descending count
     * (ties by token, so that the order does not depend on hashing).
     */
    public static Vocabulary fromCounts(Map<String, Long> countByToken, long minCount) {
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        for (Map.Entry<String, Long> entry : countByToken.entrySet()) {
            if (entry.getValue() >= minCount) {
                kept.add(entry);
            }
        }
        kept.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        String[] tokens = new String[kept.size()];
        long[] counts = new long[kept.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = kept.get(i).getKey();
            counts[i] = kept.get(i).getValue();
        }
        return new Vocabulary(tokens, counts);
    }

    /** A vocabulary in the given order, as read from a vectors file (counts unknown are 0). */
    public static Vocabulary ofOrdered(String[] tokens, long[] counts) {
        if (tokens.length != counts.length) {
            throw new IllegalArgumentException("tokens and counts differ in length");
        }
        return new Vocabulary(tokens.clone(), counts.clone());
    }

    public int size() {
        return tokens.length;
    }

    public String token(int index) {
        return tokens[index];
    }

    public long count(int index) {
        return counts[index];
    }

    /** The index of a token, or -1 when it is not in the vocabulary. */
    public int indexOf(String token) {
        Integer index = indexByToken.get(token);
        return index == null ? -1 : index;
    }

    public boolean contains(String token) {
        return indexByToken.containsKey(token);
    }

    /** Sum of all counts: the number of in-vocabulary tokens in the corpus. */
    public long totalCount() {
        return totalCount;
    }

    public long[] counts() {
        return Arrays.copyOf(counts, counts.length);
    }
}
