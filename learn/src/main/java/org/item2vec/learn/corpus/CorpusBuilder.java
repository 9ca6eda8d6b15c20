package org.item2vec.learn.corpus;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.item2vec.learn.vocab.Vocabulary;

/**
 * Collects sessions of raw tokens in one pass, counting as it goes, then builds the vocabulary
 * (min-count) and the encoded {@link Corpus} without reading the input a second time.
 *
 * <p>Sessions longer than {@code maxSessionLength} are cut into consecutive chunks, as word2vec cuts
 * long lines; a booking mark stays on every chunk of its session.
 */
public final class CorpusBuilder {
    /** gensim's chunk length for long lines; text8 is a single 17M-token line. */
    public static final int DEFAULT_MAX_SESSION_LENGTH = 10_000;

    private final int maxSessionLength;
    private final Map<String, Integer> provisionalIds = new HashMap<>();
    private long[] provisionalCounts = new long[1024];
    private final IntList tokens = new IntList();
    private final IntList sessionStarts = new IntList();
    private final IntList booked = new IntList();

    private int currentLength;
    private boolean inSession;
    private int firstChunkOfCurrentSession;

    public CorpusBuilder() {
        this(DEFAULT_MAX_SESSION_LENGTH);
    }

    public CorpusBuilder(int maxSessionLength) {
        if (maxSessionLength < 2) {
            throw new IllegalArgumentException("max session length must be at least 2, got " + maxSessionLength);
        }
        this.maxSessionLength = maxSessionLength;
    }

    /** Starts a session; tokens added until the next call to this method or {@link #endSession} belong to it. */
    public void startSession() {
        inSession = false;
        startChunk(Corpus.NOT_BOOKED);
    }

    /** Adds one token to the current session, starting a new chunk when the session is too long. */
    public void addToken(String token) {
        if (!inSession) {
            startSession();
        } else if (currentLength == maxSessionLength) {
            startChunk(booked.get(booked.size() - 1));
        }
        tokens.add(provisionalId(token));
        currentLength++;
    }

    /** Marks the item the current session ended in a booking of; counts as one occurrence of it. */
    public void markBooked(String item) {
        if (!inSession) {
            throw new IllegalStateException("no session to mark as booked");
        }
        int id = provisionalId(item);
        for (int chunk = firstChunkOfCurrentSession; chunk < booked.size(); chunk++) {
            booked.set(chunk, id);
        }
    }

    public void endSession() {
        inSession = false;
    }

    /** Adds a whole session at once. */
    public void addSession(List<String> items, String bookedItem) {
        startSession();
        for (String item : items) {
            addToken(item);
        }
        if (bookedItem != null) {
            markBooked(bookedItem);
        }
        endSession();
    }

    public long tokensAdded() {
        return tokens.size();
    }

    private void startChunk(int bookedId) {
        boolean continuing = inSession;
        sessionStarts.add(tokens.size());
        booked.add(bookedId);
        if (!continuing) {
            firstChunkOfCurrentSession = booked.size() - 1;
        }
        currentLength = 0;
        inSession = true;
    }

    private int provisionalId(String token) {
        Integer id = provisionalIds.get(token);
        if (id == null) {
            id = provisionalIds.size();
            provisionalIds.put(token, id);
            if (id == provisionalCounts.length) {
                provisionalCounts = Arrays.copyOf(provisionalCounts, id * 2);
            }
        }
        provisionalCounts[id]++;
        return id;
    }

    /**
     * Builds the vocabulary of tokens seen at least {@code minCount} times and encodes the sessions with it,
     * dropping rarer tokens and sessions left empty.
     */
    public Corpus build(long minCount) {
        Map<String, Long> counts = new HashMap<>(provisionalIds.size() * 2);
        provisionalIds.forEach((token, id) -> counts.put(token, provisionalCounts[id]));
        Vocabulary vocabulary = Vocabulary.fromCounts(counts, minCount);

        int[] finalId = new int[provisionalIds.size()];
        provisionalIds.forEach((token, id) -> finalId[id] = vocabulary.indexOf(token));

        IntList encoded = new IntList();
        IntList starts = new IntList();
        IntList bookedOut = new IntList();
        int sessions = sessionStarts.size();
        for (int s = 0; s < sessions; s++) {
            int from = sessionStarts.get(s);
            int to = s + 1 < sessions ? sessionStarts.get(s + 1) : tokens.size();
            int start = encoded.size();
            for (int p = from; p < to; p++) {
                int id = finalId[tokens.get(p)];
                if (id >= 0) {
                    encoded.add(id);
                }
            }
            if (encoded.size() == start) {
                continue;
            }
            starts.add(start);
            int bookedId = booked.get(s);
            bookedOut.add(bookedId == Corpus.NOT_BOOKED ? Corpus.NOT_BOOKED : finalId[bookedId]);
        }
        starts.add(encoded.size());
        return new Corpus(vocabulary, encoded.toArray(), starts.toArray(), bookedOut.toArray());
    }
}
